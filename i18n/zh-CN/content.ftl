# annals 关于内容文件夹（content/：Markdown 文件及其前置元数据、stats.yaml、
# records.yaml、图片）和 YAML 的提示（简体中文）。每条消息在
# ../en/content.ftl 里都有对应的英文。

## YAML（src/yaml.rs）

yaml-unknown-key = 未知的键 `{ $key }`
yaml-did-you-mean = 是不是想写 `{ $near }`？
yaml-known-keys = 这里可用的键：{ $keys }；{ $own }
yaml-extra-goes-under = 自定义字段请写在 `extra:` 下
yaml-no-extra-here = 这里没有可放自定义字段的 `extra:`
yaml-missing-key = 缺少必填的键 `{ $key }`
yaml-missing-key-hint = 请添加一行 `{ $key }: ...`
yaml-highlight-hint = `highlight: true` 把数字设为关键数字；`highlight: 1`、`2`、`3`… 还能指定它在关键数字中的位置
yaml-whole-number-hint = 这里需要一个整数，而这个数太大了（或在不能为负的地方写了负数）
yaml-limits-hint = 嵌套超过 64 层或条目多达几百万项的 YAML 会被拒绝：一条记录只需要两三层
yaml-tabs-hint = YAML 用空格缩进，不能用制表符（Tab）
yaml-one-of = 可选值：{ $choices }
yaml-full-width-colon = 这里用了全角冒号 `：`，YAML 需要半角冒号 `:` 加一个空格
yaml-full-width-space = 这里用了全角空格（U+3000），YAML 需要用半角空格缩进
yaml-parser-says = YAML 无法读取：{ $detail }

## 内容文件夹及其中的文件

content-folder-unreadable = 无法读取内容文件夹：{ $error }
content-folder-hint = 网站的 Markdown 和 YAML 文件放在 `content/` 里；`annals init DIR` 可以新建一个网站
content-link-loop = 这个符号链接指回了它上层的文件夹，形成了循环
content-link-loop-hint = 请删除这个链接，或让它指向不在自身上层路径中的文件夹
content-unreadable = 无法读取：{ $error }
content-name-not-unicode = 这个文件名不是有效的 Unicode
content-name-not-unicode-hint = 请重命名
content-link-outside = 这个符号链接指向了 `content/` 之外
content-link-outside-hint = 请把文件复制到 `content/` 里，不要使用链接
content-index-and-bundle = 这个文件夹里同时有 `_index.md` 和 `index.md`
content-index-and-bundle-hint = `_index.md` 让文件夹成为栏目，`index.md` 让它成为一个页面：只保留一个
content-file-unreadable = 无法读取这个文件：{ $error }
content-not-utf8 = 这个文件不是有效的 UTF-8 文本
content-not-utf8-hint = 请以 UTF-8 编码保存（大多数编辑器中：另存为… → 编码：UTF-8）
content-not-utf8-save = 请以 UTF-8 编码保存

## 前置元数据

content-no-front-matter = 这个文件没有前置元数据（front matter）
content-front-matter-not-first = 前置元数据必须从第一行的 `---` 开始：请把它移到最前面，前面不能有任何内容（空行也不行）
content-front-matter-missing-hint = 文件第一行写 `---`，接着写 `title: ...`，再写一行 `---`
content-front-matter-unclosed = 从第 1 行开始的前置元数据没有结束
content-front-matter-unclosed-hint = 请在最后一个前置元数据的键之后、正文之前加一行 `---`
# 值应当是什么，接在解析器的“expected”之后：`value:`、`highlight:`、日期。
content-expect-number = 数字（如 14 或 2.5）或范围（如 [5, 10]）
content-expect-highlight = `true`，或该数字在关键数字中的位置：1、2、3…
content-expect-date = 日期，如 2024-05-01、2024-05 或 2024

## 日期和标题

content-date-invalid = `{ $text }` 不是日期
content-date-no-month = `{ $text }` 不是有效日期：没有 { $month } 月
content-date-no-day = `{ $text }` 不是有效日期：该月没有 { $day } 日
content-date-hint = 日期请写成 YYYY-MM-DD、YYYY-MM 或 YYYY，如 2024-05-01
content-title-empty = 标题为空
content-title-empty-hint = 请写上读者在页面、目录或大事记中看到的标题，如 `title: 第一章 思想建设`
content-no-chapter-slug = 没有 slug 为 `{ $slug }` 的章节
content-report-chapters = 本报告的章节有：{ $chapters }

## 页面、报告和栏目

content-bad-slug = `{ $slug }` 不能用作 slug
content-bad-slug-hint = slug 是网址中的一段：不能含 `/`、`?`、`#`、`%` 或空格
content-no-slug = 无法由名称 `{ $name }` 生成网址
content-no-slug-hint = 请在前置元数据中设置 `slug:`
content-chapter-slug-reserved = 章节 slug `{ $slug }` 已被报告自带的 { $slug } 页面占用
content-chapter-slug-reserved-hint = 请另设 `slug:`；报告中保留的有：{ $reserved }
content-report-stats = 报告的数字不能写在 `_index.md` 里
content-report-stats-hint = 请写在 content/{ $dir }/stats.yaml 里，或写在所属章节的 `stats:` 中
content-paginate-zero = `paginate_by` 至少为 1
content-paginate-zero-hint = 默认值为 50
content-chapter-number-twice = 章节编号 { $number } 与 content/{ $other } 的编号重复
content-chapter-number-twice-hint = 请给每个章节不同的 `number:`（或文件名前缀）
content-page-stats = 报告之外的页面不能声明 `stats`
content-page-stats-hint = 数字属于报告：请把它们移到某一年报告的章节中
content-page-in-bundle = 页面包（page bundle）里的 Markdown 文件不是页面
content-page-in-bundle-hint = 有 `index.md` 的文件夹是一个页面；请把这个文件移到该文件夹旁边，或并入 `index.md`
content-section-in-report = 不支持在报告内设栏目
content-section-in-report-hint = 报告 `{ $report }` 的章节就是它的页面：把这个 `_index.md` 改名为 `index.md`，这个文件夹就成为一个章节
content-year-twice = { $year } 年有两份报告
content-year-twice-hint = 每年只有一份报告：请合并它们，或更正 `year:`
content-url-reserved = 网址 `/{ $path }` 属于 annals 自动生成的页面
content-url-reserved-hint = 请重命名或另设 `slug:`；顶层保留的有：{ $reserved }
content-url-twice = 这个页面的网址 `/{ $path }` 与 content/{ $other } 相同
content-url-twice-hint = 请给其中一个另设 `slug:` 或改文件名

## 图片

content-image-no-alt = 图片 `{ $src }` 既没有替代文字，也没有图片说明
content-image-no-alt-hint = 请为看不到图片的读者描述它：![what the photo shows](file.jpg "caption")
content-photo-no-alt = 图片 `{ $src }` 既没有 `alt` 也没有 `caption`
content-photo-no-alt-hint = 请添加描述图片内容的 `alt:`，或添加 `caption:`
content-photo-not-local = 图片 `{ $src }` 不是本网站的文件
content-photo-not-local-hint = 图片是 `content/` 里的文件，用相对于页面的路径指定
content-photo-outside = 图片 `{ $src }` 位于 `content/` 之外
content-photo-outside-hint = 请把图片放在 `content/` 里，放在页面旁边或报告的文件夹中
content-photo-folder = 图片 `{ $src }` 是一个文件夹
content-photo-folder-hint = 请指定一个文件
content-photo-link-outside = 图片 `{ $src }` 通过符号链接指向了 `content/` 之外
content-photo-link-outside-hint = 请把图片复制到 `content/` 里，不要使用链接
content-photo-missing = 图片 `{ $src }` 不存在
content-photo-missing-hint = 已查找 { $path }；请检查文件名和所在文件夹
content-photo-missing-hint-two = 已查找 { $first } 和 { $second }；请检查文件名和所在文件夹

## 大事记（records.yaml）

content-records-list-hint = records.yaml 是事件列表，每个事件以 `- date: 2024-05-01` 开头
content-event-approx = 事件“{ $title }”有 `approx:`，但没有 `participants:`
content-event-approx-hint = `approx:` 说明参与人数有多精确：请添加 `participants:`，或删去 `approx:`
content-event-end-days = `end: { $end }` 只用于精确到日的日期，而这个事件是从 { $date } 到 { $end }
content-event-end-days-hint = 跨越多天的事件，`date:` 和 `end:` 都要写成 YYYY-MM-DD
content-event-end-early = 事件结束于 { $end }，并不晚于开始日期 { $date }
content-event-end-early-hint = `end:` 是跨越多天的事件的最后一天；一天内的事件只需要 `date:`
content-event-year = 这个 { $date } 的事件不在本报告的年份 { $year } 内
content-event-year-hint = 请更正日期，或把这个事件移到 { $year } 年的 records.yaml 中

## 数字（stats.yaml 和章节的 `stats:`）

content-stats-list-hint = stats.yaml 是数字列表，每个数字以 `- key: name` 开头
content-stat-key-twice = 数字的键 `{ $key }` 在本报告中用了两次
content-stat-key-twice-hint = 它首次声明于 { $file }:{ $line }；同一份报告内的键不能重复
content-stat-period = `{ $period }` 不是年份区间
content-stat-period-hint = 请写出这个数字涵盖的起止年份：`period: 2019-2023`
content-stat-scale-twice = 数字 `{ $key }` 已有 `scale: { $scale }`，单位 `{ $unit }` 又重复了一次
content-stat-scale-twice-hint = 请在 `scale:` 旁写 `unit: { $rest }`，或去掉 `scale:`，保留 `unit: { $unit }`
content-stat-scale-translated = `{ $language }` 单位 `{ $unit }` 以万或亿计，但读取数字所依据的单位并非如此
content-stat-scale-translated-hint = 由默认语言（`{ $default }`）的单位决定 `value:` 是否以万或亿计：请在那里也写上（`万元`），或设置 `scale: 万`，其他语言的单位只写单位本身（`en: yuan`）
content-filter-fields = 可用于筛选事件的字段：{ $fields }
content-filter-unknown = 事件没有可供筛选的字段 `{ $field }`
content-stat-value-and-derived = 数字 `{ $key }` 同时有 `value` 和推算方式
content-stat-value-and-derived-hint = 直接填写的数字用 `value:`，由大事记推算的用 `count:`/`sum:`，二者只能选一
content-stat-count-and-sum = 数字 `{ $key }` 同时有 `count` 和 `sum`
content-stat-count-and-sum-hint = 请只保留一个
content-stat-where-count = `where` 要与 `sum` 搭配；`count` 自带筛选条件
content-stat-where-count-hint = 请写成 `count: {"{"}kind: visit{"}"}`
content-stat-sum-field = 事件没有可求和的数字 `{ $field }`
content-stat-sum-field-hint = 事件带有的数字只有参与人数：`sum: participants`
content-stat-where-alone = 有 `where` 却没有 `sum`
content-stat-where-alone-hint = 请添加 `sum: participants`，或删去 `where:`
content-stat-where-value-hint = `where:` 用于筛选 `sum:` 要累加的事件
content-stat-no-value = 数字 `{ $key }` 没有值
content-stat-no-value-hint = 请添加 `value: 14`，或用 `count: {"{"}kind: ...{"}"}` 或 `sum: participants` 由大事记推算
content-stat-key-chars = 数字的键 `{ $key }` 只能使用 a-z、0-9 和 _
content-stat-key-chars-hint = 例如 `study_sessions`
# $field 是 `value` 或 `participants`。
content-number-write-fields = 请写成 { $fields }
content-number-write-approx = 请写成 `{ $field }: { $number }` 和 `approx: { $approx }`
content-number-write = 请写成 `{ $field }: { $number }`
content-number-not-range = `{ $field }:` 只能是一个数字：请写较小的那个，并加上 `approx: over`
content-number-digits = 请用阿拉伯数字书写，如 14 或 2.5
content-not-a-number = `{ $field }:` 的值 `{ $text }` 不是数字
content-range-down = 范围 [{ $from }, { $to }] 不是从小到大
content-range-down-hint = 范围要先写较小的数：`value: [5, 10]`
content-list-range-hint = 范围由两个数组成，较小的在前：`value: [5, 10]`
content-list-one-hint = 请只写一个数字；`approx: over` 表示“不止这个数”
content-list-value = 这里的 `{ $field }:` 是含 { $count } 项的列表

## 多语言：按语言给出的文字与译文
content-expect-text = 文字，或按语言分别给出的文字，如 {"{"}zh-CN: 集中学习, en: Study sessions{"}"}
content-text-language-unknown = `{ $language }` 不是本站的语言
content-text-language-unknown-hint = 本站的语言为 { $languages }；如需其他语言，请在 site.yaml 的 `languages:` 下添加
content-text-fallback = 此处没有 `{ $language }` 文字：{ $language } 页面显示 `{ $default }` 文字
content-text-fallback-hint = 请在此映射中添加 `{ $language }: …`
content-text-no-default = 此文字缺少本站默认语言 `{ $default }` 的版本
content-text-no-default-hint = 请在映射中添加 `{ $default }: …`
content-translation-shared-key = `{ $key }` 为各语言共用，应写在原文中
content-translation-shared-key-hint = 请在本文件所翻译的原文中设置 `{ $key }`；译文只给出读者看到的文字（标题、摘要、标签、正文）
content-translation-unknown-language = 此文件按译文命名，但 `{ $language }` 不是本站的语言：它将作为单独的页面发布
content-translation-unknown-language-hint = 请在 site.yaml 的 `languages:` 下添加 `{ $language }`，或为文件改名
content-translation-orphan = 此译文没有原文：`content/{ $original }` 不存在
content-translation-orphan-hint = 译文与原文放在一起，语言写在 `.md` 之前（`01-politics.en.md` 与 `01-politics.md` 并列）；请改名，或补写原文
content-translation-default-language = 此文件按 `{ $language }` 译文命名，但 `{ $language }` 正是本站自身的语言：它将作为单独的页面发布
content-translation-default-language-hint = 原文（名字不带语言的文件）就是本站自身语言的文字；请为此文件改名，或与原文合并
