//! Messages in the user's language: the catalogues agree, every message
//! the code asks for is in both, and the locale of the environment picks
//! the language.

use std::collections::BTreeSet;

use crate::support::{TestSite, repo_root};

/// The message ids of a Fluent catalogue (`key = …` at a line's start).
fn ids(ftl: &str) -> BTreeSet<String> {
    ftl.lines()
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id)
        .filter(|id| {
            !id.is_empty()
                && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn both_catalogues_hold_every_message_the_code_asks_for() {
    // The same files in each locale, each with the same messages, no
    // message twice.
    // zh-CN/commands.ftl is the commands' help in Chinese, whose English
    // is the doc comments of src/cli.rs; a test of the binary keeps it in
    // step with them.
    let all = |locale: &str| {
        let mut files = annals::messages::catalogues(locale);
        files.retain(|(name, _)| name != "commands.ftl");
        let mut ids_of_locale = BTreeSet::new();
        for (name, text) in &files {
            for id in ids(text) {
                assert!(ids_of_locale.insert(id.clone()), "{id} twice in i18n/{locale}/ ({name})");
            }
        }
        (
            files.into_iter().map(|(name, text)| (name, ids(&text))).collect::<Vec<_>>(),
            ids_of_locale,
        )
    };
    let ((en_files, en), (zh_files, zh)) = (all("en"), all("zh-CN"));
    assert_eq!(en_files, zh_files, "i18n/en/ and i18n/zh-CN/ hold different files or messages");
    assert!(en.len() > 30, "{en:?}");
    assert_eq!(en, zh);
    let mut asked = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo_root().join("src")) {
        let entry = entry.unwrap();
        // messages.rs shows the macro with an example key.
        if entry.path().extension().is_some_and(|e| e == "rs")
            && !entry.path().ends_with("messages.rs")
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // `tr!(` itself, not the end of `include_str!(`.
            for (at, _) in text.match_indices("tr!(") {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key = text[at + 4..].trim_start().trim_start_matches('"');
                let key: String = key.chars().take_while(|c| *c != '"').collect();
                asked.insert((key, entry.path().display().to_string()));
            }
        }
    }
    assert!(asked.len() > 30);
    for (key, file) in &asked {
        assert!(en.contains(key), "{file} asks for `{key}`, which the catalogues lack");
    }
    let used: BTreeSet<&String> = asked.iter().map(|(k, _)| k).collect();
    for id in &en {
        assert!(used.contains(id), "`{id}` is in the catalogues but no code asks for it");
    }
}

#[test]
fn the_locale_decides_the_language_of_what_annals_prints() {
    let site = TestSite::new();
    site.file("content/2024/01-one.md", "---\ntitle: One\nsumary: x\n---\n");
    let run = |lang: &str| {
        crate::support::annals()
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .args(["build", "--root"])
            .arg(site.root())
            .output()
            .unwrap()
    };
    let zh = run("zh_CN.UTF-8");
    assert_eq!(zh.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&zh.stderr);
    assert!(stderr.starts_with("错误: content/2024/01-one.md:3:1: 未知的键 `sumary`"), "{stderr}");
    assert!(stderr.contains("= 提示: 是不是想写 `summary`？"), "{stderr}");
    assert!(stderr.trim_end().ends_with("1 个错误"), "{stderr}");
    let en = run("C.UTF-8");
    assert_eq!(en.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(
        stderr.starts_with("error: content/2024/01-one.md:3:1: unknown key `sumary`"),
        "{stderr}"
    );
    assert!(stderr.contains("= hint: did you mean `summary`?"), "{stderr}");
    assert!(stderr.trim_end().ends_with("1 error"), "{stderr}");
}

#[test]
fn the_command_line_speaks_the_locale_too() {
    let run = |lang: &str, args: &[&str]| {
        let out = crate::support::annals()
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    };
    let (code, zh) = run("zh_CN.UTF-8", &["build", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(zh.starts_with("错误: 无法识别的参数 `--bogus`"), "{zh}");
    assert!(zh.contains("用法： annals build [OPTIONS]"), "{zh}");
    let (code, en) = run("C.UTF-8", &["build", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(en.contains("unexpected argument '--bogus' found"), "{en}");
    // A misspelt command, with the command meant.
    let (code, zh) = run("zh_CN.UTF-8", &["buidl"]);
    assert_eq!(code, Some(2));
    assert!(zh.contains("无法识别的命令 `buidl`") && zh.contains("是不是想写 `build`？"), "{zh}");
    let (code, zh) = run("zh_CN.UTF-8", &["stats", "--format", "xml"]);
    assert_eq!(code, Some(2));
    assert!(
        zh.contains("`--format <FORMAT>` 的值 `xml` 无效")
            && zh.contains("可选的值：table、csv、json"),
        "{zh}"
    );
    let (_, zh) = run("zh_CN.UTF-8", &["stats", "--help"]);
    assert!(
        zh.contains("[默认：table] [可选：table、csv、json]") && !zh.contains("default:"),
        "{zh}"
    );
    // Help, of the program and of a command, both ways of asking.
    let (code, zh) = run("zh_CN.UTF-8", &["--help"]);
    assert_eq!(code, Some(0));
    for text in ["把年度报告及其档案生成为静态网站", "用法：", "命令", "显示帮助"]
    {
        assert!(zh.contains(text), "`{text}` not in {zh}");
    }
    for args in [&["pdf", "--help"][..], &["help", "pdf"][..]] {
        let (code, zh) = run("zh_CN.UTF-8", args);
        assert_eq!(code, Some(0), "{zh}");
        assert!(
            zh.contains("报告的年份，如 2024") && zh.contains("由 annals 自己用 Typst 排版"),
            "{zh}"
        );
    }
    let (_, en) = run("C.UTF-8", &["pdf", "--help"]);
    assert!(en.contains("The report's year, such as 2024"), "{en}");
}
