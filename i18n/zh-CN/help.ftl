# 命令行本身的用语（英文帮助来自 clap，即 src/cli.rs 的文档注释）；各命令与
# 选项的中文帮助见 commands.ftl。
help-usage = 用法：
help-heading-commands = 命令
help-heading-options = 选项
help-heading-arguments = 参数
help-flag-help = 显示帮助
help-flag-version = 显示版本
help-subcommand = 显示本帮助，或所给命令的帮助
help-subcommand-command = 要显示其帮助的命令
help-error-unknown-argument = 无法识别的参数 `{ $arg }`
help-error-unknown-command = 无法识别的命令 `{ $command }`
help-error-invalid-value = `{ $arg }` 的值 `{ $value }` 无效
help-error-missing = 缺少必需的参数 `{ $arg }`
help-error-missing-command = 需要指定一个命令
help-error-conflict = `{ $arg }` 不能与 `{ $other }` 同时使用
help-error-values = `{ $arg }` 的值的个数不对
help-error-valid = 可选的值：{ $values }
help-error-more = 更多信息请加 `--help` 运行。
help-default = [默认：{ $value }]
help-possible-values = [可选：{ $values }]
