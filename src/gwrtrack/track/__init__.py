"""The 督办 domain: the rules of the supervision office's work on tasks, as plain code.

Store, web and CLI use these rules; none of them restates one.
"""
