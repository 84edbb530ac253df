"""Named vocabularies of the figure extractor. Each list is data; each has tests with real examples."""

from __future__ import annotations


def words(spaced: str) -> tuple[str, ...]:
    """A vocabulary written as space-separated words."""
    return tuple(spaced.split())


#: Units that may follow a number (after an optional magnitude 万/亿/千/百). Longest match wins.
UNITS = words(
    "个百分点 百分点 % ‰ 倍 万亿元 亿元 万元 千元 元 亿美元 万美元 美元 欧元 港元 平方公里 平方千米 平方米 立方米 人公里 吨公里 人次公里 千瓦小时 公里 千米 米 公顷 亩 标准箱 标箱 吨标准煤 吨 千克 公斤 斤 千瓦时 千瓦 千伏 兆瓦 吉瓦 瓦 人次 场次 辆次 架次 车次 户次 个月 小时 分钟 天 周 年 个 家 项 所 件 条 场 人 户 套 台 部 门 名 金 类 头 只 辆 艘 架 座 处 间 张 床 册 块 片 宗 笔 起 次 例 种 款 首 集 对 支 根 组 栋 幢 盏 篇 株 棵 枚 粒 列 趟 班 孔 位 岁 度 亩次 批次 所次 立方 方"
)

#: Units a Chinese numeral may carry (三项, 两家, 连续三年); others make names and idioms (三孩, 二级).
CHINESE_NUMERAL_UNITS = words("项 个 家 所 条 类 座 年 件 场 名 倍")

#: Magnitude prefixes of a unit and their factors.
MAGNITUDES: dict[str, float] = {"万亿": 1000000000000.0, "亿": 100000000.0, "万": 10000.0, "千": 1000.0, "百": 100.0}

#: Counting units (classifiers): 5个以上X counts X; a measure unit before 以上X (10亿元以上项目) sizes a category.
COUNT_UNITS = frozenset(
    words(
        "个 人 件 列 只 台 名 场 处 套 家 对 幢 座 张 户 所 批 支 条 枚 架 栋 株 棵 款 班 种 篇 类 组 艘 趟 辆 部 门 间 项 首"
    )
)

#: Units that count years: a figure only after a duration verb (连续三年, 历时7年), else a date.
YEAR_UNITS = frozenset(words("年"))

#: Words before N年 that make it a duration, not a date (连续5年获批, 历时7年建成).
DURATION_VERBS = words("连续 历时 用时 提前 用 近 累计 超过 长达 达")

#: Words between a rank verb and 第N that make 第N a rank (居全省第一, 保持全国第2位).
RANK_VERBS = words("居 位居 稳居 跃居 升至 保持 排名 排 名列 位列 列 位次")

#: Quoted or unquoted political formulas whose numerals are names, not counts.
NAMED_NUMERAL_PHRASES = words(
    "八项规定 两个确立 两个维护 四个意识 四个自信 两个毫不动摇 三个务必 两个健康 五位一体 四个全面 两个结合 三个区分开来 两个大局 三新一高 三孩 两岸 两会"
)

#: Words after a number that qualify it as a lower bound (以上), upper bound (以内) or approximation.
AT_LEAST_AFTER = words("以上 多 余 +")


AT_MOST_AFTER = words("以内 以下")


APPROX_AFTER = words("左右")

#: Words right before a number that set its qualifier (超6亿元, 突破200亿元, 不低于5%).
AT_LEAST_BEFORE = words("超过 超 突破 逾 不少于 不低于 不小于 至少 高于 大于 首次超过 首次突破")


AT_MOST_BEFORE = words("不超过 不高于 低于 少于 控制在 小于 不多于")


APPROX_BEFORE = words("约 近 接近 大约 将近")

#: Verbs of change right before a percentage that make it a growth rate (增长5.3%).
GROWTH_VERBS = words(
    "增长 下降 增速 提高 提升 增加 减少 降低 上涨 上升 回落 增幅 降幅 涨幅 年均增长 同比增长 同口径增长 分别增长 均增长 增长率 增 降 增产 减产 贬值 升值"
)

#: Verbs before an absolute amount that make it a change, not a level (扩围1.2万人, 增加3个百分点).
CHANGE_VERBS = words("扩围 增加 减少 提高 提升 下降 降低 扩大 缩小 净增 上升 增收 减收 少增 多增 增产 减产")

#: Endings of a metric that name a proportion or ratio (城镇化率, 比重, 覆盖率).
RATE_ENDINGS = words("率 比重 比例 占比 强度 系数 指数 份额 水平 程度 达标 优良")

#: Cues before a figure in the review that make it an estimate of the year's outcome, or of what a
#: finished project will yield once running (达产后每年可新增产值35.6亿元).
EXPECTED_CUES = words("预计 有望 将迈上 将达到 将突破 将超过 可望 预期 达产后 建成后 投产后 投运后 达效后")

#: Cues that make a figure a rule or threshold rather than a goal or a count (未发生3人以上事故).
RULE_CUES = words("原则上 不得低于 门槛 未发生")

#: Time words that set a figure's period, with a code for the period builder.
PERIOD_WORDS: dict[str, str] = {
    "前三季度": "Q1..Q3",
    "一季度": "Q1..Q1",
    "第一季度": "Q1..Q1",
    "前两季度": "Q1..Q2",
    "上半年": "01..06",
    "下半年": "07..12",
    "全年": "year",
    "今年": "year",
    "去年": "prev",
    "“十五五”": "fyp15",
    "十五五": "fyp15",
    "“十四五”": "fyp14",
    "十四五": "fyp14",
    "五年来": "fyp14",
    "过去五年": "fyp14",
}

#: Leading words of a clause that are not part of a metric: places as subject, time, connectives.
METRIC_LEADING_NOISE = words(
    "重点推进 其中 全年 今年 去年 一年来 同时 此外 累计 年末 年初 年底 全市 全省 全区 全县 全州 我市 我省 我区 本市 全面 分别 共 总计 合计 目前 现有 首次 力争 确保 争取 预计 全力 持续 进一步 着力 加快 大力 积极 稳步 并 和 及 与 各级各类 各类 领域 以上 左右 以内 以下"
)

#: Verbs and adverbs that end a metric phrase when they follow it (投资增长, 收入突破, 总额达).
METRIC_TRAILING_NOISE = words(
    "从 同比增长 同口径增长 年均增长 分别增长 均增长 增长 下降 提高到 提高 提升到 提升 增加 减少 降低 达到 达 为 超过 超 突破 完成 实现 保持在 保持 稳定在 控制在 扩围 扩大 累计 分别 均 约 近 逾 不少于 不低于 不超过 高于 低于 原则上要 原则上 要 等 尽早 上涨 上升 回落 稳居 位居 跃居 居 排名 列 首次 有望 预计 将迈上 迈上 将 已 占 同比 同口径 年均 比上年 上年 历时 用时 连续 仅 仅用 新增 净增 共 全省 全国 全市 全区 西部 同类城市 整改 已整改 达标 以上 增长到 拓展到 扩大到 增加到 提升至 提高至 增至 降至 升至 下降到 减少到 压减到 整合为 全部 竣工 完工 签署了 免学费 改造 整治 规范化 标准化 每月人均 每人每月 每月 由"
)

#: Verbs inside a phrase after which the metric starts (审议地方性法规草案, 自贸区新增创新成果).
METRIC_INNER_VERBS = words(
    "审议 投入 发放 举办 开展 实施 完成 建成 引进 培育 打造 争取到 新增 引入 带动 进入 获 下放 解决"
)

#: Two-character measures that may follow an inner verb alone (可新增产值, 为企业解决资金).
SHORT_MEASURES = words("产值 资金 收入 利润 税收 贷款")

#: Words ending in a character that is also trailing noise (雷达 is not 雷 + 达).
WORDS_ENDING_LIKE_NOISE = words("雷达 发达 通达 抵达 到达 作为 行为 赶超")

#: Heads of measured things shared by a list (原煤、原油、天然气产量 → 原煤产量, 原油产量, 天然气产量).
LIST_HEAD_NOUNS = words(
    "增加值 产量 营业收入 利润总额 利润 投资 收入 余额 总额 规模 面积 人数 产值 比重 占比 增速 数量 交易额 销售额 进出口额 出口额 进口额 发电量 装机 吞吐量"
)

#: Words after 方 that make it part of a word (方面, 方案), not the unit 方 (立方米).
NOT_UNIT_AFTER_FANG = "面案式向法针位便略阵舱言"

#: Words that alone say nothing about what is measured (总量, 增速): the metric comes from context.
EMPTY_METRICS = frozenset(words("全年 共 其中 分别 增速 年 当年 总数 总量 总额 数量 规模 实际"))

#: Verbs that open a clause before the thing counted (新增高新技术企业30家 → 高新技术企业).
METRIC_LEADING_VERBS = words(
    "新增 新建成 新建 新（改）建 新(改)建 新（改、扩）建 新(改、扩)建 新(改)扩建 新（改）扩建 改扩建 建成投用 建成投产 建成通车 竣工投产 竣工投用 开工建设 开工改造 开工 建成 建设 改造 升级改造 实施 推进 推动 完成 实现 培育 引育 引进 打造 创建 争创 认定 新认证 认证 举办 开展 组织 发放 累计发放 撬动 带动 争取到 争取 获得 获批 获 入选 落地 招引 吸引 新开工 投用 投运 启用 改建 扩建 整治 提请 报备 办理 审议 制定 出台 培训 帮扶 救助 资助 发展 做优 做强 形成 提供 解决 化解 处置 查处 建立 设立 组建 认定 评选 创成 成功创建 改良 接待 更新改造 投入 促进 达到 达 突破 超 拥有 有 共有 增设 加装 安装 配备 筹集 交付 供应 签订 投放 提升 统筹安排 安排 统筹 落实 支持 推广 布局 谋划 发行 下达 拨付 兑现 减免 新开通 开通 开行 累计建成 累计培育 筹措 因地制宜 有序 稳步 免费 新创建 治理 纠正 挽回 节约 拉动 维修 告别 引入 共引进 研究出台 按时办结 办结"
)
