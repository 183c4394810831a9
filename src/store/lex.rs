//! A small RON tokenizer: enough to find where each record of a file starts and ends and
//! where a field's value sits, without understanding the values. Comments and whitespace are
//! skipped; strings, raw strings and chars are kept whole so brackets inside them don't count.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// `(`, `)`, `[`, `]`, `{`, `}`, `,`, `:`, `#`, `!` and any other single symbol.
    Punct(u8),
    /// Identifiers and keywords (`id`, `true`, `verified`, `Some`).
    Ident,
    /// A string, raw string or byte string literal, quotes included.
    Str,
    /// A char literal, quotes included.
    Char,
    /// Numbers and anything else that is one run of non-space, non-symbol characters.
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// Something the tokenizer cannot get past.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    /// Byte offset where the problem starts.
    pub at: usize,
    /// In English, rendered from `key`.
    pub message: String,
    /// The message's id in `diagnostics.ftl` and its variables, for other languages.
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// The English text of message `key` of `diagnostics.ftl` with `args`.
fn english(key: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, crate::i18n::Arg<'_>)> = args
        .iter()
        .map(|(name, value)| (*name, crate::i18n::Arg::from(value)))
        .collect();
    crate::i18n::tr_with(crate::i18n::Language::English, key, &args)
}

impl LexError {
    fn new(at: usize, key: &'static str) -> Self {
        Self {
            at,
            message: english(key, &[]),
            key,
            args: Vec::new(),
        }
    }
}

/// The length of the UTF-8 byte order mark that `text` starts with (0 or 3). Files saved by
/// some Windows editors start with one; it is read as nothing and written back as it was.
pub(crate) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Result<Vec<Token>, LexError> {
    Lexer::new(text).collect()
}

/// Tokens of a text, one at a time (no allocation): an iterator that stops at the first error.
pub(crate) struct Lexer<'a> {
    bytes: &'a [u8],
    i: usize,
    failed: bool,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            // A UTF-8 byte order mark at the start is not part of the text.
            i: bom_len(text),
            failed: false,
        }
    }

    fn next_token(&mut self) -> Result<Option<Token>, LexError> {
        let bytes = self.bytes;
        while self.i < bytes.len() {
            let c = bytes[self.i];
            let start = self.i;
            let mut i = self.i;
            let token = match c {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    i += 1;
                    None
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = memchr_newline(bytes, i);
                    None
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = skip_block_comment(bytes, i)?;
                    None
                }
                b'"' => {
                    i = skip_string(bytes, i)?;
                    Some(TokenKind::Str)
                }
                b'r' | b'b' if starts_raw_or_byte_string(bytes, i) => {
                    i = skip_prefixed_string(bytes, i)?;
                    Some(TokenKind::Str)
                }
                b'\'' => {
                    i = skip_char(bytes, i)?;
                    Some(TokenKind::Char)
                }
                b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' | b'#' | b'!' => {
                    i += 1;
                    Some(TokenKind::Punct(c))
                }
                _ if c.is_ascii_alphabetic() || c == b'_' => {
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    Some(TokenKind::Ident)
                }
                _ => {
                    // Numbers and any other run (including non-ASCII) up to the next separator,
                    // kept on a character boundary.
                    i += utf8_len(c);
                    while i < bytes.len() && !is_separator(bytes[i]) {
                        i += utf8_len(bytes[i]);
                    }
                    i = i.min(bytes.len());
                    Some(TokenKind::Other)
                }
            };
            self.i = i;
            if let Some(kind) = token {
                return Ok(Some(self::token(kind, start, i)));
            }
        }
        Ok(None)
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Token, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.next_token() {
            Ok(token) => token.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// The comments in `gap`, a text that holds only blanks and comments (what lies between two
/// tokens), in order: a line comment without its line break, a block comment whole.
pub(crate) fn comments_in(gap: &str) -> Vec<Range<usize>> {
    let bytes = gap.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'/', Some(b'/')) => {
                let end = memchr_newline(bytes, i);
                out.push(i..end);
                i = end;
            }
            (b'/', Some(b'*')) => {
                let end = skip_block_comment(bytes, i).unwrap_or(bytes.len());
                out.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

fn token(kind: TokenKind, start: usize, end: usize) -> Token {
    Token {
        kind,
        span: start..end,
    }
}

fn is_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' | b'"'
    )
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn skip_block_comment(bytes: &[u8], start: usize) -> Result<usize, LexError> {
    // RON block comments nest.
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => i += 1,
        }
    }
    Err(LexError::new(start, "diag-lex-comment-open"))
}

fn skip_string(bytes: &[u8], start: usize) -> Result<usize, LexError> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(LexError::new(start, "diag-lex-string-open"))
}

fn starts_raw_or_byte_string(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    rest.starts_with(b"r\"")
        || rest.starts_with(b"r#")
        || rest.starts_with(b"b\"")
        || rest.starts_with(b"br\"")
        || rest.starts_with(b"br#")
}

fn skip_prefixed_string(bytes: &[u8], start: usize) -> Result<usize, LexError> {
    let mut i = start;
    if bytes[i] == b'b' {
        i += 1;
    }
    if bytes.get(i) != Some(&b'r') {
        return skip_string(bytes, i);
    }
    i += 1;
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return Err(LexError::new(start, "diag-lex-raw-string-start"));
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return Ok(i + 1 + hashes);
        }
        i += 1;
    }
    Err(LexError::new(start, "diag-lex-raw-string-open"))
}

fn skip_char(bytes: &[u8], start: usize) -> Result<usize, LexError> {
    let mut i = start + 1;
    // A char holds one (possibly escaped) character; allow up to a short escape like '\u{1F600}'.
    while i < bytes.len() && i < start + 16 {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return Ok(i + 1),
            b'\n' => break,
            _ => i += 1,
        }
    }
    Err(LexError::new(start, "diag-lex-char-open"))
}

/// The records of a file that holds one list, `[ (...), (...), ]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListLayout {
    /// Byte offset of the opening `[`.
    pub open: usize,
    /// Byte offset of the closing `]`.
    pub close: usize,
    /// Each record's text, from its first token to its last (comma excluded).
    pub records: Vec<Range<usize>>,
}

/// What is wrong with a file's list, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutError {
    pub at: Range<usize>,
    /// In English, rendered from `key`.
    pub message: String,
    /// The message's id in `diagnostics.ftl` and its variables, for other languages.
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl LayoutError {
    fn new(at: Range<usize>, key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Self {
            at,
            message: english(key, &args),
            key,
            args,
        }
    }

    fn of_lex(e: LexError) -> Self {
        Self {
            at: e.at..e.at + 1,
            message: e.message,
            key: e.key,
            args: e.args,
        }
    }
}

/// Find the records of a list file. Attributes such as `#![enable(implicit_some)]` may come first.
/// Returns `Ok(None)` for a file with no tokens at all (empty or only comments).
pub fn list_layout(text: &str) -> Result<Option<ListLayout>, LayoutError> {
    let lex_error = LayoutError::of_lex;
    let mut tokens = Lexer::new(text).peekable();
    // Inner attributes such as `#![enable(implicit_some)]` may come first; anything else
    // starting with `#` is an error, never a reason to skip the file's records.
    while let Some(Ok(Token {
        kind: TokenKind::Punct(b'#'),
        ..
    })) = tokens.peek()
    {
        skip_attribute(&mut tokens, text)?;
    }
    let first = match tokens.next() {
        None => return Ok(None),
        Some(tok) => tok.map_err(lex_error)?,
    };
    if first.kind != TokenKind::Punct(b'[') {
        return Err(LayoutError::new(
            first.span.clone(),
            "diag-lex-expected-list",
            Vec::new(),
        ));
    }
    let open = first.span.start;
    let mut stack: Vec<(u8, Range<usize>)> = Vec::new();
    let mut records = Vec::new();
    let mut record_start: Option<usize> = None;
    let mut record_end = 0;
    while let Some(tok) = tokens.next() {
        let tok = tok.map_err(lex_error)?;
        match tok.kind {
            TokenKind::Punct(c @ (b'(' | b'[' | b'{')) => {
                stack.push((c, tok.span.clone()));
                record_start.get_or_insert(tok.span.start);
                record_end = tok.span.end;
            }
            TokenKind::Punct(c @ (b')' | b']' | b'}')) => {
                let Some((opened, open_span)) = stack.pop() else {
                    if c != b']' {
                        return Err(LayoutError::new(
                            tok.span.clone(),
                            "diag-lex-nothing-open",
                            vec![("found", (c as char).to_string())],
                        ));
                    }
                    // The end of the list.
                    if let Some(start) = record_start.take() {
                        records.push(start..record_end);
                    }
                    if let Some(extra) = tokens.next() {
                        let extra = extra.map_err(lex_error)?;
                        return Err(LayoutError::new(
                            extra.span,
                            "diag-lex-after-list",
                            Vec::new(),
                        ));
                    }
                    return Ok(Some(ListLayout {
                        open,
                        close: tok.span.start,
                        records,
                    }));
                };
                let expected = match opened {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if c != expected {
                    return Err(LayoutError::new(
                        tok.span.clone(),
                        "diag-lex-wrong-close",
                        vec![
                            ("expected", (expected as char).to_string()),
                            ("opened", (opened as char).to_string()),
                            ("byte", open_span.start.to_string()),
                            ("found", (c as char).to_string()),
                        ],
                    ));
                }
                record_end = tok.span.end;
            }
            TokenKind::Punct(b',') if stack.is_empty() => match record_start.take() {
                Some(start) => records.push(start..record_end),
                None => {
                    return Err(LayoutError::new(
                        tok.span.clone(),
                        "diag-lex-stray-comma",
                        Vec::new(),
                    ));
                }
            },
            _ => {
                record_start.get_or_insert(tok.span.start);
                record_end = tok.span.end;
            }
        }
    }
    Err(match stack.last() {
        Some((c, span)) => LayoutError::new(
            span.clone(),
            "diag-lex-never-closed",
            vec![("opened", (*c as char).to_string())],
        ),
        None => LayoutError::new(open..open + 1, "diag-lex-list-open", Vec::new()),
    })
}

/// Read one inner attribute, `#![name(args…)]`, from `tokens` (whose next token is its `#`).
fn skip_attribute(
    tokens: &mut std::iter::Peekable<Lexer<'_>>,
    text: &str,
) -> Result<(), LayoutError> {
    let lex_error = LayoutError::of_lex;
    let hash = match tokens.next() {
        Some(tok) => tok.map_err(lex_error)?,
        None => return Ok(()),
    };
    // Every problem is reported at the `#`, saying what was expected next: `what` is a key
    // of the messages' `$what` (`bang`, `bracket`, `name`, …).
    let fail = |what: &str, found: Option<&Token>| match found {
        Some(tok) => LayoutError::new(
            hash.span.clone(),
            "diag-lex-not-an-attribute",
            vec![
                ("what", what.to_owned()),
                (
                    "found",
                    text[tok.span.clone()].chars().take(20).collect::<String>(),
                ),
            ],
        ),
        None => LayoutError::new(
            hash.span.clone(),
            "diag-lex-attribute-ends",
            vec![("what", what.to_owned())],
        ),
    };
    let expect = |tokens: &mut std::iter::Peekable<Lexer<'_>>,
                  kind: TokenKind,
                  what: &str|
     -> Result<Token, LayoutError> {
        match tokens.next() {
            Some(tok) => {
                let tok = tok.map_err(lex_error)?;
                if tok.kind == kind {
                    Ok(tok)
                } else {
                    Err(fail(what, Some(&tok)))
                }
            }
            None => Err(fail(what, None)),
        }
    };
    expect(tokens, TokenKind::Punct(b'!'), "bang")?;
    expect(tokens, TokenKind::Punct(b'['), "bracket")?;
    expect(tokens, TokenKind::Ident, "name")?;
    expect(tokens, TokenKind::Punct(b'('), "paren")?;
    loop {
        match tokens.next() {
            Some(tok) => {
                let tok = tok.map_err(lex_error)?;
                match tok.kind {
                    TokenKind::Punct(b')') => break,
                    TokenKind::Ident | TokenKind::Punct(b',') => {}
                    _ => {
                        return Err(fail("extension", Some(&tok)));
                    }
                }
            }
            None => return Err(fail("close-paren", None)),
        }
    }
    expect(tokens, TokenKind::Punct(b']'), "close-bracket").map(|_| ())
}

/// Inside one record's text: the byte range of the value of `field` at the record's top level
/// (for `series: (id: "x")`, the whole parenthesised value).
pub(crate) fn field_value_span(record: &str, field: &str) -> Option<Range<usize>> {
    let tokens = tokenize(record).ok()?;
    let mut depth = 0i32;
    for (i, tok) in tokens.iter().enumerate() {
        match tok.kind {
            TokenKind::Punct(b'(' | b'[' | b'{') => depth += 1,
            TokenKind::Punct(b')' | b']' | b'}') => depth -= 1,
            TokenKind::Ident
                if depth == 1
                    && &record[tok.span.clone()] == field
                    && tokens.get(i + 1).map(|t| t.kind) == Some(TokenKind::Punct(b':')) =>
            {
                let value_start = tokens.get(i + 2)?.span.start;
                let mut d = 0i32;
                let mut end = value_start;
                for t in &tokens[i + 2..] {
                    match t.kind {
                        TokenKind::Punct(b'(' | b'[' | b'{') => d += 1,
                        TokenKind::Punct(b')' | b']' | b'}') => {
                            d -= 1;
                            if d < 0 {
                                break;
                            }
                        }
                        TokenKind::Punct(b',') if d == 0 => break,
                        _ => {}
                    }
                    end = t.span.end;
                }
                return Some(value_start..end);
            }
            _ => {}
        }
    }
    None
}

/// Inside one record's text: where the field's name is written, if it is.
pub(crate) fn field_name_span(record: &str, field: &str) -> Option<Range<usize>> {
    let tokens = tokenize(record).ok()?;
    let mut depth = 0i32;
    for (i, tok) in tokens.iter().enumerate() {
        match tok.kind {
            TokenKind::Punct(b'(' | b'[' | b'{') => depth += 1,
            TokenKind::Punct(b')' | b']' | b'}') => depth -= 1,
            TokenKind::Ident
                if depth == 1
                    && &record[tok.span.clone()] == field
                    && tokens.get(i + 1).map(|t| t.kind) == Some(TokenKind::Punct(b':')) =>
            {
                return Some(tok.span.clone());
            }
            _ => {}
        }
    }
    None
}

/// Inside `text`, the first string literal whose content is exactly `value`.
pub(crate) fn string_literal_span(text: &str, value: &str) -> Option<Range<usize>> {
    let tokens = tokenize(text).ok()?;
    tokens
        .into_iter()
        .filter(|t| t.kind == TokenKind::Str)
        .find(|t| {
            let lit = &text[t.span.clone()];
            if lit.len() >= 2 && lit.starts_with('"') && &lit[1..lit.len() - 1] == value {
                return true;
            }
            // Written with escapes (`"kaz\nan"`) or as a raw string: compared by its value
            // (never longer than the literal), read only when it could be equal.
            (lit.contains('\\') || lit.starts_with('r'))
                && value.len() <= lit.len()
                && ron::from_str::<String>(lit).ok().as_deref() == Some(value)
        })
        .map(|t| t.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_around_comments_and_strings() {
        let text = r##"#![enable(implicit_some)]
// leading comment
[
    (id: "a", title: "has ) and ] and , inside"), // trailing
    /* between (nested /* comment */) */
    (id: "b", title: r#"raw " string"#, c: ','),
]
"##;
        let layout = list_layout(text).unwrap().unwrap();
        let records: Vec<&str> = layout.records.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            records,
            [
                r#"(id: "a", title: "has ) and ] and , inside")"#,
                r##"(id: "b", title: r#"raw " string"#, c: ',')"##
            ]
        );
        assert_eq!(&text[layout.open..=layout.open], "[");
        assert_eq!(&text[layout.close..=layout.close], "]");
    }

    #[test]
    fn empty_and_comment_only_files_have_no_layout() {
        assert_eq!(list_layout("").unwrap(), None);
        assert_eq!(list_layout("  // nothing\n/* here */").unwrap(), None);
        assert_eq!(list_layout("[]").unwrap().unwrap().records.len(), 0);
    }

    #[test]
    fn stray_attributes_are_errors_not_empty_files() {
        let list = "[\n    (id: \"a\"),\n]\n";
        for (prefix, at) in [
            ("#\n", 0),
            ("#!\n", 0),
            ("# [x]\n", 0),
            ("#![enable(implicit_some)\n", 0),
            ("#![\n", 0),
            ("#![enable]\n", 0),
            ("#![enable(implicit_some)] #\n", 26),
        ] {
            let text = format!("{prefix}{list}");
            let err = list_layout(&text).expect_err(&text);
            assert!(
                err.message.contains("#![enable(implicit_some)]"),
                "{text}: {}",
                err.message
            );
            assert_eq!(err.at, at..at + 1, "{text:?}: {}", err.message);
        }
        let ok = format!(
            "#![enable(implicit_some)]\n#![enable(unwrap_newtypes, implicit_some)]\n{list}"
        );
        assert_eq!(list_layout(&ok).unwrap().unwrap().records.len(), 1);
    }

    #[test]
    fn a_byte_order_mark_is_read_as_nothing() {
        let text = "\u{feff}[\n    (id: \"a\"),\n]\n";
        let layout = list_layout(text).unwrap().unwrap();
        assert_eq!(layout.open, 3);
        assert_eq!(&text[layout.records[0].clone()], "(id: \"a\")");
        assert_eq!(list_layout("\u{feff}").unwrap(), None);
        // Only at the start: elsewhere it is text like any other.
        assert!(list_layout("[\u{feff}]").unwrap().unwrap().records.len() == 1);
    }

    #[test]
    fn layout_errors_point_at_the_problem() {
        let err = list_layout("[ (id: \"a\" ").unwrap_err();
        assert_eq!(err.at, 2..3);
        assert!(err.message.contains("never closed"));
        let err = list_layout("(id: \"a\")").unwrap_err();
        assert!(err.message.contains("expected a list"));
        let err = list_layout("[ (a: [1, 2) ]").unwrap_err();
        assert!(err.message.contains("expected `]`"), "{}", err.message);
        let err = list_layout("[ (id: \"unterminated) ]").unwrap_err();
        assert!(err.message.contains("string is never closed"));
        let err = list_layout("[ (), ] extra").unwrap_err();
        assert!(err.message.contains("after the end"));
        let err = list_layout("[ , ]").unwrap_err();
        assert!(err.message.contains("no record before"));
    }

    #[test]
    fn field_spans() {
        let rec = r#"(id: "x", series: (id: "s", ordinal: 2), participants: ["a", "b"])"#;
        let span = field_value_span(rec, "series").unwrap();
        assert_eq!(&rec[span], r#"(id: "s", ordinal: 2)"#);
        let span = field_value_span(rec, "id").unwrap();
        assert_eq!(&rec[span], r#""x""#);
        let span = field_name_span(rec, "participants").unwrap();
        assert_eq!(&rec[span], "participants");
        let value = field_value_span(rec, "participants").unwrap();
        let lit = string_literal_span(&rec[value.clone()], "b").unwrap();
        assert_eq!(&rec[value][lit], "\"b\"");
        assert_eq!(
            field_value_span(rec, "ordinal"),
            None,
            "only top-level fields"
        );
    }

    #[test]
    fn arbitrary_text_does_not_panic_and_tokens_stay_in_order() {
        // Edge cases first, then seeded random texts over an alphabet of what matters to the
        // tokenizer: brackets, quotes, escapes, comment starts, multi-byte characters.
        let mut texts: Vec<String> = [
            "\u{feff}[",
            "[é, 李强, ']",
            "'",
            "r#",
            "b",
            "[\"\\",
            "/*/",
            "[(]",
        ]
        .map(String::from)
        .to_vec();
        let alphabet: Vec<char> = "()[]{},:#!\"'\\/*rb_ a1\n\té李😀\u{feff}".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..state % 40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            texts.push(text);
        }
        let (mut read, mut refused) = (0, 0);
        for text in &texts {
            if tokenize(text).is_ok() {
                read += 1;
            } else {
                refused += 1;
            }
            if let Ok(tokens) = tokenize(text) {
                let mut end = 0;
                for token in tokens {
                    assert!(
                        token.span.start >= end && token.span.end > token.span.start,
                        "{text:?}"
                    );
                    assert!(
                        text.is_char_boundary(token.span.start)
                            && text.is_char_boundary(token.span.end),
                        "{text:?}"
                    );
                    end = token.span.end;
                }
                assert!(end <= text.len());
            }
            if let Ok(Some(layout)) = list_layout(text) {
                for record in layout.records {
                    assert!(
                        record.end <= text.len() && text.is_char_boundary(record.start),
                        "{text:?}"
                    );
                }
            }
        }
        // Both outcomes are exercised.
        assert!(
            read > 500 && refused > 500,
            "{read} read, {refused} refused"
        );
    }
}
