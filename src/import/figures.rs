//! The figures of a text, as reports write them (`14次`, `10余件`,
//! `近26万元`, `2.83万余人次`, `约500人次`, `90.4%`, `人均41.5次`): each
//! read by `Written::read`, with a label from the words before it and the
//! sentence it stands in, as suggestions for the report's stats.

use crate::content::Written;

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub written: Written,
    /// As the text writes it: `近26万元`.
    pub text: String,
    /// What it counts, from the words before it in its clause:
    /// `向区委请示报告重要事项`.
    pub label: String,
    /// The sentence it stands in.
    pub sentence: String,
}

/// Measure words and units a figure may end in, longest first where one
/// opens another (`人次` before `人`). Years, months, days and `周年`
/// are left out: `2024年` and `75周年` are dates, not figures.
const UNITS: [&str; 83] = [
    "个百分点",
    "平方公里",
    "平方米",
    "百分点",
    "千瓦时",
    "人次",
    "场次",
    "批次",
    "户次",
    "架次",
    "车次",
    "课时",
    "学时",
    "小时",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "千克",
    "万元",
    "亿元",
    "余人",
    "次",
    "件",
    "个",
    "篇",
    "条",
    "名",
    "位",
    "场",
    "批",
    "份",
    "人",
    "项",
    "家",
    "户",
    "所",
    "期",
    "届",
    "天",
    "岁",
    "米",
    "亩",
    "吨",
    "元",
    "本",
    "册",
    "套",
    "台",
    "辆",
    "座",
    "处",
    "间",
    "栋",
    "株",
    "棵",
    "头",
    "只",
    "幅",
    "部",
    "首",
    "卷",
    "页",
    "字",
    "集",
    "门",
    "节",
    "课",
    "堂",
    "轮",
    "组",
    "支",
    "队",
    "种",
    "类",
    "枚",
    "张",
    "封",
    "起",
    "笔",
    "例",
    "倍",
    "%",
];

/// Words that may open a figure: `近`, `约`, `人均`.
const BEFORE: [&str; 10] = ["将近", "大约", "超过", "人均", "户均", "年均", "近", "约", "逾", "达"];

/// Characters that end a clause, for a figure's label.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '、'
            | '；'
            | ';'
            | '。'
            | '！'
            | '？'
            | '!'
            | '?'
            | '：'
            | ':'
            | '“'
            | '”'
            | '"'
            | '（'
            | '）'
            | '('
            | ')'
            | '《'
            | '》'
            | '\n'
    )
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

/// Every figure in `text`, in order.
pub(super) fn find(text: &str) -> Vec<Found> {
    // Full-width digits and signs (`１４次`, `９０％`), as a Chinese input
    // method types them, read as ASCII ones.
    let chars: Vec<char> = text
        .chars()
        .filter(|&c| c != '\\')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '％' => '%',
            '．' => '.',
            c => c,
        })
        .collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match figure_end(&chars, i) {
            Some(end) => {
                let start = figure_start(&chars, i);
                // `达` opens a figure in the text, not the figure itself.
                let start = if chars[start] == '达' { start + 1 } else { start };
                spans.push((start, end));
                i = end;
            }
            None => i += 1,
        }
    }
    spans
        .iter()
        .filter_map(|&(start, end)| {
            let text: String = chars[start..end].iter().collect();
            let mut written = Written::read(&text)?;
            // `人均参与活动3.2次`: a rate, though 人均 is not next to it.
            let clause_start =
                chars[..start].iter().rposition(|&c| ends_clause(c)).map_or(0, |p| p + 1);
            let clause: String = chars[clause_start..start].iter().collect();
            if written.per.is_none()
                && let Some(who) = ["人均", "户均"].iter().find(|w| clause.contains(**w))
            {
                written.per = who.chars().next().map(String::from);
            }
            Some(Found {
                written,
                label: label(&chars, &spans, start, end),
                sentence: sentence(&chars, start, end),
                text,
            })
        })
        .collect()
}

/// Where the figure whose digits start at `i` ends, if a figure starts
/// there: digits (a range, 余 or 多, 万 or 亿) and a unit. A number with no
/// unit (`2024`), an ordinal (`第3次`) or one inside a word (`G20`) is not.
fn figure_end(chars: &[char], i: usize) -> Option<usize> {
    let before = i.checked_sub(1).map(|b| chars[b]);
    if !chars[i].is_ascii_digit()
        || before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '第')
    {
        return None;
    }
    let mut j = number_end(chars, i);
    if let Some(&dash) = chars.get(j)
        && matches!(dash, '-' | '–' | '—' | '~' | '～' | '至')
    {
        let mut k = j + 1;
        while chars.get(k) == Some(&'—') {
            k += 1;
        }
        if chars.get(k).is_some_and(char::is_ascii_digit) {
            j = number_end(chars, k);
        }
    }
    let mut scaled = false;
    for marks in [&['余', '多'][..], &['万', '亿'], &['余', '多']] {
        if let Some(c) = chars.get(j)
            && marks.contains(c)
        {
            scaled |= matches!(c, '万' | '亿');
            j += 1;
        }
    }
    let rest: String = chars[j..chars.len().min(j + 4)].iter().collect();
    match UNITS.iter().find(|u| rest.starts_with(**u)) {
        Some(unit) => j += unit.chars().count(),
        None if scaled => {}
        None => return None,
    }
    let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
    if rest == "左右" {
        j += 2;
    }
    Some(j)
}

/// The end of the number starting at `i`: digits, a decimal point, and
/// thousands separators where three digits follow them.
fn number_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while let Some(&c) = chars.get(j) {
        let separator = c == ','
            && (1..=3).all(|k| chars.get(j + k).is_some_and(char::is_ascii_digit))
            && !chars.get(j + 4).is_some_and(char::is_ascii_digit);
        let point = c == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || separator || point {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// Where the figure starts: at `近`, `约` or `人均` before its digits.
fn figure_start(chars: &[char], i: usize) -> usize {
    for word in BEFORE {
        let n = word.chars().count();
        if i >= n && chars[i - n..i].iter().copied().eq(word.chars()) {
            return i - n;
        }
    }
    i
}

/// What a figure counts, from the other words of its clause (the figures
/// in it left out): those before it (`组织集中学习14次`), those after it
/// where it opens the clause (`14批…调研视察活动`), or both where a bare
/// verb stands before it (`撰写7篇调研报告` → `撰写调研报告`).
fn label(chars: &[char], spans: &[(usize, usize)], start: usize, end: usize) -> String {
    let in_figure = |k: &usize| spans.iter().any(|&(a, b)| (a..b).contains(k));
    let clause_start = chars[..start].iter().rposition(|&c| ends_clause(c)).map_or(0, |p| p + 1);
    let clause_end =
        chars[end..].iter().position(|&c| ends_clause(c)).map_or(chars.len(), |p| end + p);
    let words = |range: std::ops::Range<usize>| -> String {
        range.filter(|k| !in_figure(k)).map(|k| chars[k]).collect()
    };
    let before = words(clause_start..start);
    let before = ["以来", "期间", "其中", "累计", "共计", "全年", "先后"]
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| &before[i + w.len()..]))
        .min_by_key(|rest| rest.len())
        .unwrap_or(&before);
    let before = shorten(&trim(before));
    let after: String = trim(&words(end..clause_end)).chars().take(16).collect();
    match before.chars().count() {
        0 | 1 if after.chars().count() >= 2 => after,
        2 | 3 if !after.is_empty() => before.chars().chain(after.chars()).take(16).collect(),
        0 | 1 => chars[start..end].iter().collect(),
        _ => before,
    }
}

/// A label of more than ten characters cut after its last preposition
/// (`委员为教育事业捐资` → `教育事业捐资`), and to its last 16 characters.
fn shorten(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let mut from = 0;
    if chars.len() > 10
        && let Some(p) = chars.iter().rposition(|c| "为向对等把给从在".contains(*c))
        && chars.len() - p > 4
    {
        from = p + 1;
    }
    from = from.max(chars.len().saturating_sub(16));
    chars[from..].iter().collect()
}

/// A label without the words that join it to the figure (`等`, `的`, `达`).
fn trim(text: &str) -> String {
    let text = text.trim().trim_start_matches(['共', '并', '和', '及', '向', '了']);
    text.trim_end_matches(['等', '的', '为', '共', '计', '达', '了']).trim().to_owned()
}

/// The sentence a figure stands in.
fn sentence(chars: &[char], start: usize, end: usize) -> String {
    let from = chars[..start].iter().rposition(|&c| ends_sentence(c)).map_or(0, |p| p + 1);
    let to =
        chars[end..].iter().position(|&c| ends_sentence(c)).map_or(chars.len(), |p| end + p + 1);
    chars[from..to].iter().collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        find(text).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn figures_as_reports_write_them() {
        assert_eq!(
            texts(
                "2024年以来向区委请示报告重要事项10余件，提请区委常委会研究政协工作6次，邀请领导出席26人次"
            ),
            ["10余件", "6次", "26人次"]
        );
        assert_eq!(
            texts("为慈善基金会捐资近26万元，为教育事业捐资220余万元"),
            ["近26万元", "220余万元"]
        );
        assert_eq!(texts("全年接待2.83万余人次，约500人次参加"), ["2.83万余人次", "约500人次"]);
        assert_eq!(texts("满意率90.4%，人均41.5次，共5—10个"), ["90.4%", "人均41.5次", "5—10个"]);
        assert_eq!(texts("完成14批140余人次调研视察活动"), ["14批", "140余人次"]);
        assert_eq!(texts("参观人数达12,000人"), ["12,000人"]);
        assert_eq!(texts("集中学习１４次，满意率９０．４％"), ["14次", "90.4%"]);
        let rate = find("人均参与活动3.2次");
        assert_eq!(rate[0].written.fields(), "`value: 3.2`, `unit: 次`, `per: 人`");
    }

    #[test]
    fn dates_ordinals_and_bare_numbers_are_not_figures() {
        assert!(texts("2024年是人民政协成立75周年").is_empty());
        assert!(texts("第3次会议在G20峰会后，编号2024").is_empty());
        assert!(texts("2024年9月30日").is_empty());
    }

    #[test]
    fn labels_and_sentences() {
        let found = find(
            "坚持学习。累计组织集中学习14次，开展专题研讨6次、发言30人次。完成了“调研”等14批140余人次调研视察活动",
        );
        let labels: Vec<&str> = found.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            labels,
            ["组织集中学习", "开展专题研讨", "发言", "调研视察活动", "调研视察活动"]
        );
        let labels: Vec<String> =
            find("撰写7篇调研报告，高海洲、胡跃龙等委员为教育事业捐资220余万元，来红寺堡区调研考察15批200余人次")
                .into_iter()
                .map(|f| f.label)
                .collect();
        assert_eq!(
            labels,
            ["撰写调研报告", "教育事业捐资", "来红寺堡区调研考察", "来红寺堡区调研考察"]
        );
        assert_eq!(found[0].sentence, "累计组织集中学习14次，开展专题研讨6次、发言30人次。");
        assert_eq!(found[3].written.fields(), "`value: 14`, `unit: 批`");
        assert_eq!(found[4].written.fields(), "`value: 140`, `approx: over`, `unit: 人次`");
    }
}
