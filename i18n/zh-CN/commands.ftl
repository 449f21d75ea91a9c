# 各命令与选项的中文帮助（`annals --help`、`annals build --help`…）。英文
# 帮助即 src/cli.rs 的文档注释，因此本文件只有中文版；一项测试确保它与命令
# 行的定义一一对应。编号规则：help-命令（说明）、help-命令-details（详细
# 说明）、help-命令-选项。
help = 把年度报告及其档案生成为静态网站
help-build = 把网站生成到输出文件夹（默认：ROOT/public）
help-build-root = 网站文件夹（含 site.yaml）
help-build-output = 网站写到哪里
help-build-base_url = 网站将来所在的完整网址，优先于 site.yaml 中的设置
help-build-drafts = 包括标为 `draft: true` 的页面和报告
help-build-theme = 使用此主题，而非 site.yaml 中的主题
help-build-cache_dir = 处理后的照片缓存在哪里
help-serve = 在本机提供网站，每次修改后重新生成并刷新已打开的页面
help-serve-details = 网站在内存中生成：不写任何文件，`public/` 保持原样。网站有错误时，每个页面都会显示它。
help-serve-root = 网站文件夹（含 site.yaml）
help-serve-bind = 监听的地址；非本机回环地址会把网站分享给你所在的网络
help-serve-port = 监听的端口（0：任一空闲端口）
help-serve-drafts = 包括标为 `draft: true` 的页面和报告
help-serve-theme = 使用此主题，而非 site.yaml 中的主题
help-check = 检查生成时检查的一切，以及每个链接、#锚点、图片和替代文字；不写任何文件
help-check-details =
    错误：会使生成失败的问题；无处可去的内部链接和 #锚点；缺失或没有替代文字的图片。
    警告：声明了却没有任何 Markdown 文字用 {"{{"} stat() {"}}"} 引用的统计数据（统计页面会列出所有数据，不算引用）、content/ 中没有页面展示的照片、从磁盘打开网站时会失效的链接，以及 `annals import` 建议而尚未移入的数据（stats.suggested.yaml）；多语言网站中，缺少某种语言文字的映射、没有原文的译文和比原文旧的译文。
    退出状态：没有错误时为 0（允许有警告），有错误时为 1。
help-check-root = 网站文件夹（含 site.yaml）
help-check-drafts = 同时检查标为 `draft: true` 的页面和报告
help-stats = 列出一份报告的数据，供发布前核对
help-stats-root = 网站文件夹（含 site.yaml）
help-stats-year = 报告的年份（默认：最新的一份）
help-stats-format = 输出格式：table（表格）、csv 或 json
help-verify = 按 manifest-sha256.txt 核对网站的已发布副本
help-verify-dir = 已发布的文件夹
help-init = 新建一个可以立即生成的网站
help-init-dir = 要创建的文件夹（必须不存在或为空）
help-new = 按模板新建报告或章节；从不覆盖已有文件
help-new-root = 网站文件夹（含 site.yaml）
help-new-report = 一份报告：content/年份/_index.md
help-new-report-year = 四位数字，如 2025
help-new-chapter = 现有报告的一章：content/年份/NN-slug.md
help-new-chapter-path = 年份/NN-slug，如 2025/03-outreach（slug：a-z、0-9 和 -）
help-new-chapter-number = 同时在前言中写入 `number: NN`，使文件改名后章节仍保留编号（默认编号取自文件名）
help-pdf = 把一份报告排版为 A4 的 PDF/A-2b：封面、带页码的目录、每章一个书签、照片、数据和大事记
help-pdf-details = 由 annals 自己用 Typst 排版，无需浏览器；内容与网站相同，版式由主题的 pdf/report.typ 决定。中文报告需要含中文字符的字体（Noto CJK：`apt-get install fonts-noto-cjk`），或在 site.yaml 中设置 `pdf: {"{"}fonts: DIR{"}"}`。在 site.yaml 中写 `pdf: true`，每次生成都会发布 年份/report.pdf。
help-pdf-year = 报告的年份，如 2024
help-pdf-root = 网站文件夹（含 site.yaml）
help-pdf-output = PDF 写到哪里：一个文件，或一个文件夹（在其中写 年份.pdf）[默认：当前文件夹中的 年份.pdf]
help-pdf-drafts = 包括草稿（标为 `draft: true` 的报告或章节），以便校对
help-pdf-language = 网站另一种语言（site.yaml 的 `languages:`）的版本，如 en [默认：网站的语言]
help-import = 把现有报告（Word .docx、.md、.txt 或 .html）转为报告草稿；从不覆盖已有文件
help-import-details = 写入 content/年份/：`_index.md`（标题、副标题、署名，导语作为序言）；每个一级部分（Word 的“标题 1”，或以 一、 （一） 1. 第一部分 开头的段落）各成一章，编号与原文一致；图片及其后的图注存入 photos/；正文中找到的每个数据（14次、10余件、近26万元）写入 stats.suggested.yaml，生成时不读取该文件。content/年份/ 已存在时停止，不写任何文件。
help-import-file = 原文件：.docx、.md、.txt 或 .html
help-import-year = 报告的年份，如 2024
help-import-root = 网站文件夹（含 site.yaml）
help-import-dry_run = 只列出将要写入的内容，不写任何文件
help-completions = 输出某种 shell 的补全脚本，如 `annals completions bash > ~/.local/share/bash-completion/completions/annals`
help-completions-shell = shell：bash、zsh 或 fish
help-stats-language = 按网站另一种语言（site.yaml 的 `languages:`）的写法列出，如 en
