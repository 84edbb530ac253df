"""Named vocabularies of the project extractor: lifecycle cues, facility head nouns, generic names.

Each list is data with tests of real examples (tests/test_projects.py).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from gwrtrack.extract.vocab import words


class Stage(StrEnum):
    """Lifecycle stage of a project mention: 前期 → 开工 → 在建 → 建成投用, or none of them."""

    PREP = "prep"
    START = "start"
    BUILDING = "building"
    DONE = "done"
    OTHER = "other"


#: Lifecycle cues by stage, strongest first: where a clause has several, the first group found wins
#: (力争完成永宁水库立项审批 is prep, not done; 即将建成通车 is still building).
STAGE_CUES: tuple[tuple[Stage, tuple[str, ...]], ...] = (
    # a status renewed year after year (泸州港连续5年获批国家临时开放水运口岸) is no lifecycle stage
    (Stage.OTHER, words("连续")),
    (Stage.PREP, words("前期工作 立项审批 立项 纳入国家规划 纳入规划 规划建设 编制实施 入选国家建设名单 获批")),
    (Stage.BUILDING, words("即将建成通车 即将建成 主体完工 主体工程 完成铺轨 加快建设 在建")),
    (
        Stage.DONE,
        words(
            "建成投用 建成投运 建成投产 建成通车 建成开放 建成运营 竣工投用 竣工投产 顺利通车 全线贯通 全线通车 "
            "开港投运 开园运营 上线运行 正式运行 投入运营 投入使用 基本建成 成功开酿 并网发电 建成 启用"
        ),
    ),
    (Stage.START, words("开工建设 新开工 开工 动工 启动")),
    (Stage.PREP, words("落户")),
    (
        Stage.OTHER,
        words("优化提升 优化 完善 用好 推广应用 发展壮大 扩大产能 市场化运营 创建 获评 成为 航线网络"),
    ),
    (Stage.BUILDING, words("加快推进 推进 推动 抓好 加快 打造 实施 建设")),
)

#: Facility head nouns (the last word of a project's name) and the kind of project each names.
FACILITY_HEADS: dict[str, str] = {
    **dict.fromkeys(
        words("高速 高速公路 公路 大道 快速通道 通道 市政道路 快速路 环线 绕城 东路 西路 南路 北路 中路 环路 桥"),
        "road",
    ),
    **dict.fromkeys(words("铁路 高铁 城际 轨道交通 地铁"), "railway"),
    **dict.fromkeys(words("大桥 长江大桥 特大桥"), "bridge"),
    **dict.fromkeys(words("医院 医疗中心 临床中心 肿瘤中心 传承创新中心"), "hospital"),
    **dict.fromkeys(
        words("博物馆 纪念馆 图书馆 文化馆 美术馆 版本馆 文化公园 大剧院 文化中心 艺术中心 文化广场"), "culture"
    ),
    **dict.fromkeys(words("公园 绿地 绿道 湿地公园 生态公园"), "park"),
    **dict.fromkeys(words("产业园 园区 示范园 试验园 文创产业园 数字经济示范园"), "park"),
    **dict.fromkeys(words("生产基地 产业基地 生产线 产线 基地 工厂 技改 薄膜 装置 炼化一体化"), "industrial"),
    **dict.fromkeys(words("水库 灌区 引水工程 供水工程"), "water"),
    **dict.fromkeys(words("码头 作业区 港口 港 口岸 水运口岸"), "port"),
    **dict.fromkeys(words("机场"), "airport"),
    # railway stations by name (高铁南站); a bare 站 is also a 工作站, 文化站, 服务站 or 网站
    **dict.fromkeys(words("火车站 高铁站 客运站 枢纽站 动车站 南站 北站 东站 西站"), "railway"),
    **dict.fromkeys(
        words(
            "平台 实验室 研究院 研发中心 检测中心 培训中心 服务中心 计量测试中心 运营中心 分中心 创新中心 适配中心 节点 中心"
        ),
        "platform",
    ),
    **dict.fromkeys(
        words("物流园 物流中心 分拨中心 配送中心 物流枢纽 枢纽 集散中心 冷链物流加工基地 作业场地"), "logistics"
    ),
    **dict.fromkeys(words("风电场 接收站 核电 光伏电站 电站 发电厂 天然气发电 能源基地 能源站 换电站"), "energy"),
    **dict.fromkeys(
        words("污水处理厂 管网 垃圾焚烧发电厂 海绵化改造 扩能工程 泵站 中转站 转运站 污水处理站"), "utility"
    ),
    **dict.fromkeys(words("街区 老街 街 廊道"), "urban"),
    **dict.fromkeys(words("体育公园 全民健身中心 文体中心 体育中心 网球中心 体育馆"), "sports"),
    **dict.fromkeys(words("养老服务中心 康复中心 托养服务中心 福利院"), "social"),
    **dict.fromkeys(words("购物中心 酒庄 商业综合体"), "commercial"),
    **dict.fromkeys(words("庄园 景区 温泉 旅游扶贫项目"), "tourism"),
    **dict.fromkeys(words("项目 工程 一期 二期 三期"), "other"),
}

#: Names made only of generic words: a kind of facility, not a named one (重点项目, 产业园区, 中试平台).
GENERIC_NAME_WORDS = words(
    "精品 绿电 现代化 文创 关键 电网 电力 外送 国家 地下 概念验证 通用 高能级 高水平 生态 区域 医疗 科技 优质 融资 货运 交流 装备 先进制造 示范性 公办 口岸型 陆港型 空港型 港口型 商贸服务型 生产服务型 重大 合作 多层次 县级 循环 通道 消费 商贸 要素 配置 链接 零碳 低碳 绿色 技术 先进制造业 全球 公共卫生 卫生 农事 省 农业 林业 在谈 投资 重点 一批 一些 各类 各级 若干 相关 更多 有关 新建 新型 现代 特色 优质 标准化 示范 试点 省级 市级 国家级 "
    "省级以上 中心 产业 工业 制造业 民生 基础设施 城市 乡村 农村 县城 园区 项目 工程 平台 基地 公园 场景 设施 服务 "
    "数字化转型促进 智能制造示范 中试 中试转化 科创 创新 孵化 公共 综合 城乡 社区 消费 文旅 物流 跨界融合 样板 "
    # generic facilities of the prefecture corpus (综合救援基地, 口袋公园, 城市活力中心, 承接产业有序转移主平台)
    "救援 活力 口袋 成果 成果转化 转化 熟化 承接 有序 转移 主 森林 消防 训练 保障性 住房 应急 养老 托育 便民 停车 充电 "
    "冷链 农贸 市场 仓储 配送 交易 展示 研发 检验检测 大数据 算力 人才 安居 邻里 全民健身 体育 文化"
)

#: Words inside an item that make it a programme, policy or activity rather than a facility.
NOT_A_FACILITY_RE = re.compile(
    r"体系|机制|制度|政策|行动|工作|能力|水平|环境|活动|改革|战略|理念|意识|思想|精神|作风|品牌|规划|方案|名单|试点|"
    r"改造|整修|整治|治理$|保障$|制造$|经济|企业|集群|城市$|县城$|城$|示范区$|先行区|主体|质效|融合发展$|高质量|要素|资源|市场$|产业$|"
    # products and technologies of the prefecture corpus (石墨烯改性新材料, 功能高分子材料, 人工智能)
    r"材料$|人工智能$|新能源$|生物医药$"
)

#: Verbs and adverbs that open a clause before its object (加快推进…, 大力推动…, 力争…).
LEADING_VERBS = words(
    "谋划 落实 以 改造 以及 加强 力促 促进 助力 聚焦 围绕 依托 在 管好 建好 用好 办好 提升 提高 做强 做优 壮大 培育 引育 加快推进 加快建设 加快打造 大力推动 大力推进 积极推进 深入推进 有序推进 稳步推进 重点推进 全力推进 扎实推进 "
    "加快 推进 推动 大力 积极 全力 力争 确保 支持 抓好 深入 持续 重点 尽快 有序 稳步 加紧 着力 全面 启动 开工建设 "
    "建成投运 建成投用 建成投产 竣工投用 竣工投产 开港投运 上线运行 建成 编制实施 完成 新建 实施 打造 建设 用好 "
    "优化提升 优化 完善 推广应用 规划建设 按期 如期 按时 按计划"
)

#: Endings after a list of names: 等项目建设, 等前期工作, 等30个在建项目, 等主体完工.
TRAILING_RE = re.compile(
    r"(?:等(?:一批|\d+个|[一二三四五六七八九十百]+个)?[^、，。；]{0,8}?(?:项目|设施|平台|消费场景|城市公园|物流园|样板))?"
    r"(?:的)?(?:整体开发与基础设施提质|项目建设|项目主体工程|主体工程|主体完工|前期工作|立项审批|建设|功能|航线网络|规划)?$"
)

#: Descriptors before a name that are not part of it: 全国首个, 川南首个, 群众期盼已久的.
LEADING_DESCRIPTOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[是要]|[^、，。；]{0,8}?首个|[^、，。；]{0,10}的|一批|一座|一条|\d+(?:\.\d+)?[万亿千百]?(?:亩|公里|平方米)|新一批)"
)

#: Quotes around a whole name (“巴蜀鱼米之乡”).
ENCLOSING_QUOTES = ("“", "”")


@cache
def stage_cue_re() -> re.Pattern[str]:
    """Every lifecycle cue, longest first."""
    cues = sorted({w for _stage, ws in STAGE_CUES for w in ws}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues)))


@cache
def leading_verbs_re() -> re.Pattern[str]:
    alternation = "|".join(map(re.escape, sorted(LEADING_VERBS, key=len, reverse=True)))
    return re.compile(f"^(?:{alternation})+")


@cache
def facility_head_re() -> re.Pattern[str]:
    """A facility head noun at the end of a name, optionally followed by a phase or section in brackets."""
    alternation = "|".join(map(re.escape, sorted(FACILITY_HEADS, key=len, reverse=True)))
    return re.compile(f"(?P<head>{alternation})(?P<suffix>（[^（）]{{1,8}}）|[\u4e00-\u9fffA-Z]{{0,4}}段)?$")


def stage_of(cues: list[str]) -> Stage | None:
    """The stage the strongest of ``cues`` names."""
    for stage, group in STAGE_CUES:
        if any(c in group for c in cues):
            return stage
    return None
