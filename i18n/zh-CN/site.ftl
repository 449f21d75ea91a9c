# annals 在读取网站配置和主题、渲染、检查、写入和预览网站以及处理图片时的提示，简体中文版。
# 每条消息都与 ../en/site.ftl 中的一一对应。花括号中为参数：{ $name }。

## 通用

site-did-you-mean = 您是不是想写 `{ $name }`？

## 主题（src/theme.rs）

theme-link-loops = 此符号链接指回其上层文件夹，形成循环
theme-link-loops-hint = 请删除此链接，或让它指向一个文件
theme-link-nowhere = 此符号链接指向的目标不存在
theme-link-nowhere-hint = 请让它指向网站中的文件，或将其删除
theme-cannot-read = 无法读取：{ $error }
theme-link-outside = 此符号链接指向网站文件夹之外
theme-link-outside-hint = 请将文件复制到网站中，不要链接到外部
theme-available = 可用的主题：{ $themes }
theme-cannot-read-file = 无法读取此文件
theme-not-utf8 = 此文件不是有效的 UTF-8 文本
theme-kind-empty = 空值
theme-kind-bool = 布尔值（true 或 false）
theme-kind-number = 数值
theme-kind-text = 文本
theme-kind-list = 列表
theme-kind-map = 映射
theme-unknown = 没有名为 `{ $name }` 的主题
theme-extends-loop = 主题之间循环继承：{ $themes }
theme-extends-loop-hint = 循环中须有一个主题不继承其他主题：请删除它的 `extends:`
theme-unknown-parent = 没有可继承的主题 `{ $name }`
theme-name-alias = `{ $alias }` 不能用作主题名：模板用 `{ $alias }/chapter.html` 指代当前主题自己的 chapter.html
theme-name-alias-hint = 请给主题文件夹换个名字
theme-name-empty = 主题名为空
theme-name-path = `{ $name }` 不是主题名：主题是一个文件夹，而不是路径
theme-name-hint = 主题名即 themes/ 下的文件夹名（themes/mine/ 对应 `mine`），或是内置主题（default、gazette）
theme-template-folder = 此模板所在的文件夹与主题 `{ $folder }` 同名
theme-template-folder-hint = 模板用 `{ $folder }/X.html` 指代该主题自己的 X.html：请给文件夹换个名字
theme-no-strings = 主题 `{ $theme }` 没有语言 `{ $language }` 的界面文字
theme-no-strings-hint = 请使用自带的语言之一（{ $languages }），或为主题添加 i18n/{ $language }.yaml
theme-no-options = 此主题没有选项
theme-options-declared = 主题声明的选项：{ $options }
theme-no-option = 主题 `{ $theme }` 没有选项 `{ $key }`
theme-option-kind = 主题选项 `{ $key }` 应为{ $want }，而不是{ $got }
theme-option-default = 主题的默认值为 `{ $value }`
theme-logo-relative = 请写相对于 static/ 的路径：`logo: { $path }`
theme-logo-missing-hint = 请将图片放到网站文件夹的 static/{ $path }，或将 `logo` 留空
theme-logo-not-static = 标志图片 `{ $logo }` 不是静态文件

## 网站配置（src/config.rs）

config-cannot-read = 无法读取网站配置：{ $error }
config-not-found-hint = 请在网站文件夹（含 { $file } 的文件夹）中运行 annals，或传入 --root DIR，或用 `annals init DIR` 新建网站
config-base-url-hint = 请写完整的地址，例如 `https://example.org/reports`
config-not-language-tag = `{ $tag }` 不是语言标记
config-language-tag-hint = 请使用 BCP 47 语言标记，例如 `zh-CN` 或 `en`
config-language-twice = `{ $tag }` 已是本站的语言
config-language-twice-hint = `languages:` 列出 `language:`（此处为 `{ $default }`）以外的语言，每种只写一次
config-widths = `images.widths` 至少需要一个大于 0 的宽度
config-widths-hint = 例如 `widths: [480, 960, 1600]`
config-quality = `images.quality` 为 { $quality }，超出了 1-100 的范围
config-quality-hint = 80 能较好地兼顾文件大小与画质
config-base-url-scheme = base_url `{ $url }` 须以 https:// 或 http:// 开头
config-base-url-host = base_url `{ $url }` 缺少主机名

## 渲染（src/render/）

render-unknown-photo = 找不到图片 `{ $path }`
render-unknown-photo-hint = 请检查路径
render-link-to-draft = 链接 `{ $link }` 指向一篇草稿
render-link-to-draft-hint = 请发布该页面（删除 `draft: true`），或用 --drafts 构建，或删除此链接
render-link-did-you-mean = 您是不是想写 `{ $path }`？（路径相对于此文件）
render-link-relative-hint = 路径相对于此文件所在的文件夹，请检查名称
render-link-to-nothing = 链接 `{ $link }` 没有指向任何页面
render-unknown-shortcode = 未知的短代码 `{"{{"} { $call } {"}}"}`
render-unknown-shortcode-hint = 引用数字的短代码为 {"{{"} stat(key="study_sessions") {"}}"}
render-figure-outside-report = 只有报告内才能引用数字
render-figure-outside-report-hint = 请将这段文字移到报告的章节中，或直接写出数字
render-unknown-stat = 本报告中没有键为 `{ $key }` 的数字
render-unknown-stat-hint = 请在章节的 `stats:` 或报告的 stats.yaml 中声明它
render-missing-template = 主题 `{ $theme }` 没有模板 `{ $name }`
render-missing-template-hint = 请将它添加到主题的 templates/ 或网站的 templates/ 中
render-template-extends-itself = 模板错误：`{ $name }` 继承了自身：{ $chain }
render-template-extends-itself-hint = 要修改主题自己的 `{ $name }` 中的块，请继承 `{ $theme_name }`
render-template-missing-parent = 模板错误：`{ $name }` 继承的 `{ $parent }` 不是模板
render-while-rendering = 出错于渲染 `{ $page }` 时；请检查它所用的变量名
render-template-error = 模板错误：{ $message }
render-strings-lack = 主题的界面文字缺少 `{ $key }`
render-strings-lack-hint = `{ $key }` 应包含 { $holds }；请参考自带主题的 i18n 文件
render-table-key = 键
render-table-label = 名称
render-table-figure = 数字
render-table-group = 分组
render-table-chapter = 章节
render-table-previous = 上年
render-table-change = 变化

## annals check（src/check/）

check-links-not-checked = 未检查链接和锚点
check-links-not-checked-hint = 有模板渲染失败；请修正后再运行 `annals check`
check-translation-stale-git = { $original } 的提交晚于此译文{ $days ->
    [0] （同一天）
   *[other] { $days } 天
}：译文可能与原文现在的内容不符
check-translation-stale = { $original } 的修改晚于此译文{ $days ->
    [0] （同一天）
   *[other] { $days } 天
}：译文可能与原文现在的内容不符
check-translation-stale-hint = 请对照两者，按 { $original } 更新译文
check-cannot-read = 无法读取此文件：{ $error }
check-cannot-read-hint = 请检查文件是否存在、是否有读取权限
check-in-rendered-page = { $message }（位于渲染后的页面中）
check-in-rendered-page-hint = { $hint }；问题来自模板（主题的或 templates/ 中的）或静态文件
check-on-other-pages = { $message }，另有 { $count } 个页面也是如此
check-root-path = `{ $link }` 从服务器根目录开始
check-root-path-hint = 网站部署在子路径下或从本地磁盘打开时，此链接会失效；请写相对于本页的路径
check-outside-site = `{ $link }` 指向网站之外
check-outside-site-hint = 请只链接网站内的页面和文件，并使用相对于本页的路径
check-names-folder = `{ $link }` 指向一个文件夹
check-names-folder-hint = 在网站服务器上可用，但从本地磁盘打开时无效：请链接到 `{ $index }`
check-markdown-link-hint = 请用页面的 Markdown 文件名链接它，路径相对于当前文件，例如 `02-events.md`
check-nothing-there-hint = 网站中 `{ $target }` 处没有任何内容（路径相对于页面地址 `{ $page }`）；要原样发布的文件请放入 `static/`
check-leads-nowhere = `{ $link }` 没有指向任何页面或文件
check-anchor-did-you-mean = 您是不是想写 `#{ $id }`？
check-anchor-hint = 标题的 id 就是标题文字，例如 `## 活动` → `#活动`；页面的目录中列出了这些 id
check-no-anchor = `{ $link }`：页面 `{ $page }` 中没有 `#{ $id }`
check-no-alt = 图片 `{ $src }` 没有替代文字
check-no-alt-hint = 请为看不到图片的读者描述图片内容：HTML 中写 alt="…"，Markdown 中写 ![图片内容](file)
check-chapter-range = { $from } 至 { $to }
check-chapter-gap = 第 { $number } 章紧接在第 { $before } 章之后：缺少第 { $missing } 章
check-chapter-gap-hint = 请按顺序为章节编号：重命名文件（01-、02-、03-…）或更正其 `number:`
check-unshown-photo = 没有任何页面显示这张图片
check-unshown-photo-hint = 请在页面中用 ![图片内容](file.jpg "图片说明") 显示它，或在 `photos:` 下列出它；也可以将其删除
check-suggested-hint = 构建时会忽略此文件：请将需要的数字移入报告的 stats.yaml（或章节的 `stats:`），然后删除此文件
check-suggested-one = `annals import` 建议的 1 个数字尚未加入报告
check-suggested-many = `annals import` 建议的 { $count } 个数字尚未加入报告
check-suggested = `annals import` 建议的数字尚未加入报告
check-uncited = 数字 `{ $key }` 未被任何正文引用
check-uncited-hint = 请在正文提到它的地方用 {"{{"} stat(key="{ $key }") {"}}"} 引用；只用于表格的数字请加上 `table_only: true`
check-no-previous-key = { $year } 年之前的报告中没有键 `{ $key }`
check-no-previous-key-hint = `previous_key:` 指此数字在往年报告中的键；请更正它，如果这是新增的数字，请删除它
check-no-unit = 无单位
check-rate-per = 每 `{ $per }` 的比率
check-total = 总数
check-here-and-then = 此处为{ $here }，{ $year } 年为{ $then }
check-other-unit-hint = 不会显示变化；请用同一单位写两年的数字（“万”写在 `scale:` 中），或给新数字另起一个键
check-rate-total-hint = 不会显示变化；同一个键的比率与总数无法比较：请给其中一个另起一个键
check-incomparable = 数字 `{ $key }` 无法与 { $place } 比较：{ $what }
check-tenfold = 数字 `{ $key }` 与 { $year } 年（{ $place }）相比变化超过十倍
check-tenfold-hint = 如果数据无误，则无需修改；如果某一年以“万”或“亿”计，请用 `scale:` 注明

## 写入输出（src/output/）

output-refused = 拒绝将网站写入 { $path }：{ $reason }
output-cannot-write = 无法写入 { $path }：{ $error }
output-cache-refused = 拒绝将图片缓存放在 { $path }：{ $reason }
output-clash = 有两个文件将写入同一路径 `{ $path }`
output-cache-refused-hint = 请将缓存放在网站内容和输出文件夹之外，或不加 --cache-dir，使用您的缓存文件夹
output-disk-full-hint = 磁盘已满：请腾出空间，或用 --output 构建到另一块磁盘；之前的输出保持不变
output-file-too-large-hint = 文件超出了系统允许 annals 写入的大小（参见 `ulimit -f`）；之前的输出保持不变
output-cannot-write-hint = 请检查文件夹是否存在、是否可写，以及磁盘是否还有空间
output-clash-hint = static/ 中有文件与 annals 生成的页面路径相同；请将其重命名或移走
output-is-site = 它是网站文件夹或其上层文件夹
output-own-folder-hint = 请构建到单独的文件夹，例如 `public/`
output-inside-site = 它位于网站的 `{ $folder }/` 文件夹内
output-is-home = 它是您的主文件夹
output-not-annals = 其中有不是 annals 写入的文件（没有 manifest-sha256.txt）
output-not-annals-hint = 请选择一个空文件夹或新文件夹；annals 每次构建都会替换整个输出文件夹
output-is-file = 它是文件，而不是文件夹
output-is-file-hint = 请选择一个文件夹
output-cache-in-output = 它位于输出文件夹内，而每次构建都会替换输出文件夹
output-cannot-read-manifest = 无法读取清单文件：{ $error }
output-cannot-read-manifest-hint = 请校验由 annals 构建的文件夹：其中含有 manifest-sha256.txt
output-manifest-bad-line = 此行不是 `SHA256  PATH` 格式
output-manifest-bad-line-hint = 清单文件被手动修改过或已损坏；请重新构建网站以生成新的清单

## annals serve（src/serve/）

serve-short-of-resources-hint = 系统线程或内存不足：请关闭其他程序后重试
serve-port-taken-hint = 另一个程序正在监听端口 { $port }：请换一个端口，例如 `--port { $next }`，或用 `--port 0` 自动选择空闲端口
serve-bind-hint = 请检查 --bind 指定的地址：它必须是本机的地址
serve-cannot-listen = 无法监听 { $address }：{ $error }
serve-try-another-address = 请换一个地址或端口
serve-cannot-start = 无法启动服务器：{ $error }
serve-cannot-wait = 无法等待 Ctrl-C：{ $error }
serve-cannot-serve = 无法提供服务：{ $error }
serve-cannot-watch = 无法监视 { $path }：{ $error }
serve-watch-failed = 监视文件失败：{ $error }
serve-cannot-watch-files = 无法监视文件：{ $error }
serve-overlay-heading = 网站有 { $count }：未显示上一次成功构建的内容
serve-overlay-fix = 请修正下列文件并保存：本页会自动刷新。
serve-forbidden = annals serve 只响应发往本机的请求

## 图片（src/images/）

images-cache-unwritable = 无法写入图片缓存：{ $error }
images-cannot-process = 无法处理图片 `{ $photo }`：{ $message }
images-cannot-process-hint = 请将图片重新导出为 JPEG、PNG 或 WebP 文件
images-jpeg-damaged = JPEG 数据已损坏（{ $error }）
images-jpeg-no-size = JPEG 没有尺寸信息
images-jpeg-wrong-size = JPEG 的像素数据与其尺寸不符
images-cannot-create-cache = 无法创建图片缓存：{ $error }
images-cannot-create-cache-hint = 请用 --cache-dir 指定一个可写的文件夹
images-cannot-read = 无法读取图片 `{ $photo }`：{ $error }
images-too-large-hint = 请缩小后重新保存（长边 12,000 像素足以满足印刷需要）
images-unreadable-hint = 请使用 JPEG、PNG、WebP 或 GIF 图片；如果文件已损坏，请重新导出
images-empty = 图片 `{ $photo }` 是空文件
images-not-an-image = `{ $photo }` 不是 annals 能读取的图片
images-damaged = 图片 `{ $photo }` 已损坏或不是图片：{ $error }
images-too-large = 图片 `{ $photo }` 为 { $width }×{ $height }，共 { $megapixels } 百万像素；annals 最多接受 { $most } 百万像素的图片

## 库中的命令（src/lib.rs）

site-cannot-write-pdf = 无法写入 PDF：{ $error }
site-cannot-write-pdf-hint = 请检查文件夹是否存在且可写，或传入 --output FILE
site-no-language = `{ $language }` 不是本站的语言
site-languages = 本站的语言为 { $languages }；其他语言请在 site.yaml 的 `languages:` 下添加
site-pdf-untranslated = { $year } 年的报告没有 `{ $language }` 译文
site-pdf-untranslated-hint = 请在此文件旁写 `_index.{ $language }.md`，并翻译各章
site-no-pdf-feature = 此 annals 构建时未包含 PDF 版功能
site-no-pdf-feature-hint = 请用默认功能构建 annals（`cargo install annals` 即是如此），或从 site.yaml 中删除 `pdf:`
site-report-is-draft = 该报告是草稿（content/{ $file } 中有 `draft: true`）：加上 `--drafts` 即可包含它
site-what-a-report-is = 报告是一个含有 _index.md 的文件夹，例如 content/2024/
site-reports = 本网站的报告：{ $years }
site-no-report-for = 没有 { $year } 年的报告
site-no-report = 本网站还没有报告
