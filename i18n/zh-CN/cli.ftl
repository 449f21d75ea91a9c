# annals 在命令行上说的话（简体中文）。每条消息在 ../en/cli.ftl 里都有对应的英文
# （有测试保证两边一致）。参数写在花括号里：{ $count }。

## 诊断信息的标签

label-error = 错误
label-warning = 警告
label-hint = 提示
label-note = 注意
errors-count = { $count } 个错误
warnings-count = { $count } 个警告

## build

build-done = 已构建 { $reports } 份报告、{ $pages } 个页面、{ $photos } 张图片（新处理 { $processed } 张，取自缓存 { $cached } 张）：共 { $files } 个文件（{ $megabytes } MB，其中 { $unchanged } 个未变），输出到 { $output }
processing-photos = 正在处理图片

## check

check-summary = { $errors }，{ $warnings }（检查了 { $pages } 个页面，跟踪了 { $references } 个链接和图片）
check-passed = 检查完毕：{ $summary }

## serve

serve-everywhere = 正在本机所在的所有网络上提供服务：能访问本机的人都能读到网站，草稿也在内
serve-everywhere-hint = 去掉 --bind，只向本机（127.0.0.1）提供服务
serve-at = 网站地址：{ $url }（按 Ctrl-C 停止）
serve-built = 已构建 { $pages } 个页面，用时 { $millis } 毫秒；正在监视文件变化
serve-rebuilt = 已重新构建 { $pages } 个页面，用时 { $millis } 毫秒：{ $changed }
serve-changed = 有改动：{ $changed }
serve-errors-shown = 这些错误改好之前，浏览器里会一直显示它们。
serve-watch-hint = 页面不会自动刷新；编辑后请重新运行 annals serve
and-more = 等另外 { $count } 个

## init 和 new

init-here = 已在当前文件夹创建新网站。
init-in = 已在 { $dir } 创建新网站。
init-next = 下一步：{ $command }
init-example = 2025 年报告是示例：开始写自己的报告时，删除 content/2025/ 即可。
new-report = 已创建草稿 { $file }：`annals serve --drafts` 可以预览；删去其中的 `draft: true` 即可发布。
new-report-next = 下一步：annals new chapter { $year }/01-overview
new-chapter = 已创建 { $file }。

## verify

verify-missing = 缺少：{ $path }
verify-changed = 已改动：{ $path }
verify-extra = 多出：{ $path }
verify-intact = { $count } 个文件完好
verify-summary = 完好 { $intact } 个，缺少 { $missing } 个，改动 { $changed } 个，多出 { $extra } 个

## import

import-would-write = 将写入以下文件（试运行，不写任何文件）：
import-file = { $path }（{ $bytes } 字节）
import-summary = { $dry ->
    [yes] 将把
   *[no] 已把
} { $chapters } 个章节、{ $photos } 张图片和 { $figures } 个数字导入 { $folder }/，作为草稿报告。
import-figures = 这些数字是 { $folder }/stats.suggested.yaml 里的建议：把需要的移到 stats.yaml 中。
import-next = 下一步：annals serve --drafts

## pdf

pdf-done = 已把 { $year } 年报告的 PDF 版写入 { $path }：共 { $pages } 页，{ $megabytes } MB
