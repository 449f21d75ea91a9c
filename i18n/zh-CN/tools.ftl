# annals 各工具说的话（简体中文）：`annals init` 和 `annals new`（scaffold-）、
# `annals import`（importer-）、PDF 版（typeset-），以及书写数字所用的主题字符串
# （stats-）。每条消息在 ../en/tools.ftl 里都有对应的英文。参数写在花括号里：{ $year }。

## init 和 new

scaffold-folder-not-empty = 此文件夹已存在且不为空
scaffold-folder-not-empty-hint = annals init 从不覆盖任何文件：请指定一个新文件夹
scaffold-not-a-year = `{ $year }` 不是年份
scaffold-report-year-hint = 报告以年份的四位数字命名，例如 `annals new report 2025`
scaffold-report-exists = 这份报告已存在
scaffold-report-exists-hint = annals 从不覆盖任何文件；可以用 `annals new chapter { $year }/01-slug` 添加章节
scaffold-chapter-usage = 请按 YEAR/NN-slug 的格式命名章节，例如 `annals new chapter 2025/03-outreach`
scaffold-chapter-no-year = 章节名里没有年份
scaffold-chapter-no-number = `{ $name }` 没有以章节编号开头
scaffold-slug-unsafe = `{ $slug }` 不是可用于网址的 slug
scaffold-slug-unsafe-hint = slug 会成为章节的网址：只能用 a-z、0-9 和单个连字符，例如 `03-youth-work`；标题可以用任何语言
scaffold-slug-reserved = slug `{ $slug }` 已被报告自带的 `{ $slug }/` 页面占用
scaffold-slug-reserved-hint = 请换一个 slug
scaffold-no-report = 还没有 { $year } 年的报告
scaffold-no-report-hint = 请先用 `annals new report { $year }` 创建
scaffold-chapter-exists = 这个章节已存在
scaffold-chapter-exists-hint = annals 从不覆盖任何文件：请换一个编号或 slug
scaffold-slug-taken = 这个章节已使用 slug `{ $slug }`
scaffold-slug-taken-hint = 同一份报告的两个章节不能共用一个网址：请换一个 slug

## import

importer-not-a-year = `{ $year }` 不是年份
importer-year-hint = 请用四位数字写报告的年份：`--year 2024`
importer-report-exists = 这份报告已存在
importer-report-exists-hint = annals import 从不覆盖任何文件：请导入到另一个年份，或先把 content/{ $year }/ 移走
importer-cannot-read = 无法读取此文件：{ $error }
importer-cannot-read-hint = 请指定一个存在的文件，例如 `annals import report.docx --year 2024`
importer-not-docx = annals 无法把它当作 Word 文档读取：{ $reason }
importer-not-docx-hint = 请用 Word（或 LibreOffice）打开，重新另存为 .docx
importer-no-chapters = 没有找到章节（标题 1 样式，或以“一、”“1.”开头的段落）：全文都作为前言
importer-unknown-kind = annals import 可读取 .docx、.md、.txt 和 .html 文件
importer-kind-doc-hint = 这是旧版 Word 文档（.doc）：请用 Word 或 LibreOffice 打开，另存为 .docx
importer-kind-pdf-hint = PDF 不保留可读取的段落和标题：请打开它，把文字复制到一个 .txt 文件里，再导入该文件
importer-kind-office-hint = 请用 Word 或 LibreOffice 打开，另存为 .docx
importer-kind-other-hint = 请另存为上述格式之一，或把文字复制到一个 .txt 文件里
# .docx 无法读取的原因（接在 importer-not-docx 之后）。
importer-docx-no-document = 其中没有 { $part }，即存放 Word 文档正文的部分
importer-docx-bad-xml = { $part } 不是格式正确的 XML：{ $error }
# 注意事项：导入时无法带过来的内容。
importer-image-external = 有一张图片链接到文档之外的文件（{ $id }），文档里没有保存它：请手动添加
importer-image-unreadable = 无法读取图片 { $path }：{ $error }
importer-image-data-url = 页面里以文本形式写入的一张图片无法读取：请手动添加
importer-image-in-paragraph = 图片 { $src } 位于段落之中：请把它复制到报告的 photos/ 里，并手动改正路径
importer-image-on-web = 图片 { $src } 在网上，不在文件旁边：请下载后手动添加
importer-image-missing = 无法读取图片 { $src }（{ $error }）：请手动添加
importer-number-twice = 有两个部分的编号都是 { $number }：第二个“{ $title }”已改用其他编号
importer-image-kind = 图片 { $name } 的格式浏览器无法显示：请另存为 JPEG 或 PNG 后手动添加
importer-no-caption = { $path } 没有图片说明：请在其后写上（`![](…) "caption"`），或写替代文字

## pdf

typeset-no-fonts-folder = `pdf.fonts` 指定的字体文件夹 `{ $dir }` 不存在
typeset-no-fonts-folder-hint = 请指定一个存放 .otf、.ttf 或 .ttc 字体的文件夹，路径相对于网站文件夹
typeset-cache-unreadable = 无法读取缓存中的图片：{ $error }
typeset-no-pdf-theme = 主题 `{ $theme }` 没有 PDF 版
typeset-no-pdf-theme-hint = 主题的 `pdf/report.typ` 负责 PDF 的排版；请继承内置的 `default` 主题来使用它的排版
typeset-theme-unreadable = 无法读取主题的此文件：{ $error }
typeset-failed = 排版 PDF 版时出错：{ $message }
typeset-theme-file-hint = 这是主题中 PDF 版的 Typst 文件；请参阅 docs/themes.md
typeset-body-hint = 此文件的文字无法排版，可能是列表或引用嵌套过深；请减少嵌套
typeset-missing-character = 本机没有任何字体包含字符 `{ $character }`（U+{ $code }），而 PDF 版必须显示它
typeset-missing-character-hint = 请安装包含该字符的字体，或把字体放进 site.yaml 指定的文件夹（`pdf: {"{"}fonts: fonts/{"}"}`）；也可以改写文字，不用这个字符
typeset-fonts-in-folder-hint = 请把 .otf、.ttf 或 .ttc 字体放进 { $dir }（site.yaml 的 `pdf.fonts`），或安装 Noto CJK（Debian 和 Ubuntu：`apt-get install fonts-noto-cjk`）
typeset-fonts-hint = 请安装 Noto CJK（Debian 和 Ubuntu：`apt-get install fonts-noto-cjk`；Fedora：`dnf install google-noto-serif-cjk-fonts`），或在 site.yaml 中指定一个存放 .otf、.ttf 或 .ttc 字体的文件夹：`pdf: {"{"}fonts: fonts/{"}"}`
typeset-no-fonts = 没有找到可用于 PDF 版的字体
typeset-no-chinese-font = 没有找到可用于 PDF 版的中文字体
typeset-bad-accent = PDF 版无法识别颜色 `{ $colour }`
typeset-bad-accent-hint = 请写 CSS 颜色，例如 `#9b1c1c`、`rgb(155 28 28)` 或 `darkred`
typeset-bad-paper = PDF 版没有纸张 `{ $paper }`
typeset-bad-paper-hint = 请写纸张名称（A3、A4、A5、B4、B5、JIS-B4、JIS-B5、Letter、Legal、Ledger），可加 `landscape`；或写出宽和高，例如 `210mm 297mm`
typeset-bad-path = `{ $path }` 不是 Typst 接受的路径
typeset-not-utf8 = `{ $path }` 不是有效的 UTF-8 文本
typeset-no-main = 没有主文件

## 书写数字的主题字符串包含什么（缺少时的提示里用到）

stats-holds-value-unit = {"{"}value{"}"} 和 {"{"}unit{"}"}
stats-holds-range = {"{"}from{"}"} 和 {"{"}to{"}"}
stats-holds-rate = {"{"}per{"}"} 和 {"{"}figure{"}"}（带单位）或 {"{"}value{"}"}（不带单位）
stats-holds-period = {"{"}from{"}"}、{"{"}to{"}"} 和 {"{"}figure{"}"}
stats-holds-change = {"{"}change{"}"}
stats-holds-delta = {"{"}delta{"}"}
stats-holds-flag = true 或 false
