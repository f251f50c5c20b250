//! docker's tables: Go's `text/tabwriter` (docker's fork, which measures display width), and
//! the writer every listing uses for its `--format` (formatter.Context.Write): a default or
//! `table TEMPLATE` with a header row, `json`, or a plain template.

use crate::format::template::{Format, Options, Template, TemplateError};
use crate::format::text::display_width;
use serde_json::Value;

/// Display width of a cell's text.
fn segment_width(seg: &str) -> usize {
    if seg.is_ascii() {
        seg.bytes().filter(|b| (0x20..0x7f).contains(b)).count()
    } else {
        display_width(seg)
    }
}

/// Settings of a `tabwriter.Writer` (flags 0: left-aligned, no filters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TabWriter {
    /// Minimal cell width, padding included.
    pub minwidth: usize,
    /// Width of a tab when padding with tabs.
    pub tabwidth: usize,
    /// Added to the widest cell of a column.
    pub padding: usize,
    /// The padding character.
    pub padchar: char,
}

#[derive(Clone, Copy, Debug)]
struct Cell {
    size: usize,
    width: usize,
}

impl TabWriter {
    /// docker's listings: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
    pub const DOCKER: TabWriter = TabWriter {
        minwidth: 10,
        tabwidth: 1,
        padding: 3,
        padchar: ' ',
    };
    /// `docker top`: `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`.
    pub const TOP: TabWriter = TabWriter {
        minwidth: 20,
        tabwidth: 1,
        padding: 3,
        padchar: ' ',
    };
    /// `docker version`: `tabwriter.NewWriter(out, 20, 1, 1, ' ', 0)`.
    pub const VERSION: TabWriter = TabWriter {
        minwidth: 20,
        tabwidth: 1,
        padding: 1,
        padchar: ' ',
    };

    /// A writer with other settings.
    pub const fn new(minwidth: usize, tabwidth: usize, padding: usize, padchar: char) -> TabWriter {
        TabWriter {
            minwidth,
            tabwidth,
            padding,
            padchar,
        }
    }

    /// Aligns the tab-terminated cells of `text`, as writing it all to a Go tabwriter and
    /// flushing does. Cells end at `\t` (and `\v`); lines end at `\n` (and `\f`, which also
    /// ends every column). A column is a run of consecutive lines that have a cell in it;
    /// each of its cells is padded to `max(minwidth, widest + padding)`, an empty cell too;
    /// the text after a line's last tab is not part of a column.
    pub fn format(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        let mut buf = String::with_capacity(text.len());
        let mut lines: Vec<Vec<Cell>> = vec![Vec::new()];
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if !matches!(b, b'\t' | b'\x0b' | b'\n' | b'\x0c') {
                continue;
            }
            // Terminators are ASCII, so `start..i` is on character boundaries.
            let seg = &text[start..i];
            start = i + 1;
            buf.push_str(seg);
            let line = lines.len() - 1;
            lines[line].push(Cell {
                size: seg.len(),
                width: segment_width(seg),
            });
            let ncells = lines[line].len();
            if b == b'\n' || b == b'\x0c' {
                lines.push(Vec::new());
                if b == b'\x0c' || ncells == 1 {
                    // Nothing after this line depends on it: flush.
                    self.flush(&mut out, &buf, &lines, Cell { size: 0, width: 0 });
                    buf.clear();
                    lines = vec![Vec::new()];
                }
            }
        }
        let seg = &text[start..];
        buf.push_str(seg);
        let mut tail = Cell {
            size: seg.len(),
            width: segment_width(seg),
        };
        if tail.size > 0 {
            let line = lines.len() - 1;
            lines[line].push(tail);
            tail = Cell { size: 0, width: 0 };
        }
        self.flush(&mut out, &buf, &lines, tail);
        out
    }

    fn flush(&self, out: &mut String, buf: &str, lines: &[Vec<Cell>], tail: Cell) {
        let mut widths = Vec::new();
        let mut pos = 0;
        self.format_block(out, buf, lines, &mut widths, &mut pos, 0, lines.len(), tail);
    }

    #[allow(clippy::too_many_arguments)] // mirrors Go's recursive format
    fn format_block(
        &self,
        out: &mut String,
        buf: &str,
        lines: &[Vec<Cell>],
        widths: &mut Vec<usize>,
        pos: &mut usize,
        line0: usize,
        line1: usize,
        tail: Cell,
    ) {
        let column = widths.len();
        let mut line0 = line0;
        let mut this = line0;
        while this < line1 {
            if column + 1 >= lines[this].len() {
                this += 1;
                continue;
            }
            // This line has a cell in this column: print the lines above, then the block.
            self.write_lines(out, buf, lines, widths, pos, line0, this, tail);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 {
                let line = &lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                width = width.max(line[column].width + self.padding);
                this += 1;
            }
            widths.push(width);
            self.format_block(out, buf, lines, widths, pos, line0, this, tail);
            widths.pop();
            line0 = this;
        }
        self.write_lines(out, buf, lines, widths, pos, line0, line1, tail);
    }

    #[allow(clippy::too_many_arguments)] // mirrors Go's writeLines
    fn write_lines(
        &self,
        out: &mut String,
        buf: &str,
        lines: &[Vec<Cell>],
        widths: &[usize],
        pos: &mut usize,
        line0: usize,
        line1: usize,
        tail: Cell,
    ) {
        for i in line0..line1 {
            for (j, c) in lines[i].iter().enumerate() {
                if c.size > 0 {
                    out.push_str(buf.get(*pos..*pos + c.size).unwrap_or_default());
                    *pos += c.size;
                }
                if let Some(&w) = widths.get(j) {
                    self.write_padding(out, c.width, w);
                }
            }
            if i + 1 == lines.len() {
                // The last buffered line has no newline: write what is pending.
                out.push_str(buf.get(*pos..*pos + tail.size).unwrap_or_default());
                *pos += tail.size;
            } else {
                out.push('\n');
            }
        }
    }

    fn write_padding(&self, out: &mut String, textw: usize, cellw: usize) {
        if self.padchar == '\t' {
            if self.tabwidth == 0 {
                return;
            }
            let cellw = cellw.div_ceil(self.tabwidth) * self.tabwidth;
            let n = cellw.saturating_sub(textw);
            out.extend(std::iter::repeat_n('\t', n.div_ceil(self.tabwidth)));
            return;
        }
        let n = cellw.saturating_sub(textw);
        if self.padchar == ' ' {
            const SPACES: &str = "                                ";
            let mut left = n;
            while left > 0 {
                let k = left.min(SPACES.len());
                out.push_str(&SPACES[..k]);
                left -= k;
            }
        } else {
            out.extend(std::iter::repeat_n(self.padchar, n));
        }
    }
}

/// Writes a listing the way docker's `formatter.Context.Write` does.
///
/// `format` is the resolved `--format` value (a command's default table, `table TEMPLATE`,
/// `json`, `{{.ID}}` for `-q`, or any template). Every row is run through the template and
/// ends with a newline. For a table, the header row comes first: the same template run over
/// `header` (column names by field, a `map[string]string`) with docker's header functions,
/// keeping what it printed before any error, then all rows go through [`TabWriter::DOCKER`].
/// A template that does not parse, or fails on a row, prints nothing: the error is returned
/// (docker prefixes it with `template parsing error: `).
pub fn render_list(
    format: &str,
    header: &Value,
    rows: &[Value],
    options: &Options,
) -> Result<String, TemplateError> {
    let format = Format(format);
    let template = Template::parse(&format.template_text())?;
    let mut body = String::new();
    for row in rows {
        template.execute_into(&mut body, row, options)?;
        body.push('\n');
    }
    if !format.is_table() {
        return Ok(body);
    }
    let mut text = String::new();
    let header_options = Options::string_map().header_functions();
    // docker ignores header errors; what was written before stays.
    let _ = template.execute_into(&mut text, header, &header_options);
    text.push('\n');
    text.push_str(&body);
    Ok(TabWriter::DOCKER.format(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(w: TabWriter, input: &str, want: &str) {
        assert_eq!(w.format(input), want, "input: {input:?}");
    }

    #[test]
    fn tabwriter_like_go() {
        let d = TabWriter::DOCKER;
        check(d, "", "");
        check(d, "a\tb\n", "a         b\n");
        check(d, "abc", "abc");
        check(d, "a\tb", "a         b");
        // Widest cell + 3, at least 10.
        check(
            d,
            "CONTAINER ID\tIMAGE\n128ec8ceab71\thello-world\n",
            "CONTAINER ID   IMAGE\n128ec8ceab71   hello-world\n",
        );
        // An empty trailing cell keeps the previous cell's padding.
        check(
            d,
            "A\tB\tC\nx\ty\t\n",
            "A         B         C\nx         y         \n",
        );
        // A line without tabs ends the column block.
        check(
            d,
            "a\tb\nheader\nlongercell\tc\n",
            "a         b\nheader\nlongercell   c\n",
        );
        check(d, "a\tb\n\nxx\ty\n", "a         b\n\nxx        y\n");
        // Columns only span lines that have them.
        check(
            d,
            "a\tb\tc\nd\te\nf\tg\th\n",
            "a         b         c\nd         e\nf         g         h\n",
        );
        check(
            d,
            "aaaaaaaaaaaaaa\tb\tc\nd\teeeeeeeeeeeeeeeeee\tf\n",
            "aaaaaaaaaaaaaa   b                    c\nd                eeeeeeeeeeeeeeeeee   f\n",
        );
        // Display width: wide characters take two columns, … one.
        check(
            d,
            "你好你好你\tx\nab\ty\n",
            "你好你好你   x\nab           y\n",
        );
        check(
            d,
            "\"docker-entrypoint.s…\"\tx\nab\ty\n",
            "\"docker-entrypoint.s…\"   x\nab                       y\n",
        );
        // Form feed ends every column.
        check(
            d,
            "a\tb\x0ccccccccccccc\td\n",
            "a         b\ncccccccccccc   d\n",
        );
        check(TabWriter::TOP, "UID\tPID\tCMD\nroot\t13239\tnginx\n", "UID                 PID                 CMD\nroot                13239               nginx\n");
        check(
            TabWriter::VERSION,
            " Version:\t27.5.1\n API version:\t1.47\n",
            " Version:           27.5.1\n API version:       1.47\n",
        );
        check(
            TabWriter::new(0, 8, 1, '\t'),
            "a\tb\nccccccccc\td\n",
            "a\t\tb\nccccccccc\td\n",
        );
    }

    #[test]
    fn docker_search_rows_end_with_padding() {
        let text = "NAME\tDESCRIPTION\tSTARS\tOFFICIAL\nbusybox\tBusybox base image.\t3300\t[OK]\nradial/busyboxplus\tFull-chain, Internet enabled, busybox made f…\t57\t\nprogrium/busybox\t\t50\t\n";
        let want = "NAME                 DESCRIPTION                                     STARS     OFFICIAL\nbusybox              Busybox base image.                             3300      [OK]\nradial/busyboxplus   Full-chain, Internet enabled, busybox made f…   57        \nprogrium/busybox                                                     50        \n";
        check(TabWriter::DOCKER, text, want);
    }

    fn ps_header() -> Value {
        json!({"ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "RunningFor": "CREATED",
               "Status": "STATUS", "Ports": "PORTS", "Names": "NAMES", "Size": "SIZE", "Labels": "LABELS"})
    }

    fn ps_rows() -> Vec<Value> {
        vec![
            json!({"ID": "128ec8ceab71", "Image": "hello-world", "Command": "\"/hello\"", "RunningFor": "14 seconds ago",
                   "Status": "Exited (0) 13 seconds ago", "Ports": "", "Names": "exciting_chebyshev", "Labels": ""}),
            json!({"ID": "b20d59c0f6d8", "Image": "nginx", "Command": "\"/docker-entrypoint.…\"", "RunningFor": "4 minutes ago",
                   "Status": "Up 4 minutes", "Ports": "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", "Names": "web", "Labels": "a=b"}),
            json!({"ID": "4a7f7eebae0f", "Image": "redis:7", "Command": "\"docker-entrypoint.s…\"", "RunningFor": "2 hours ago",
                   "Status": "Up 2 hours", "Ports": "6379/tcp", "Names": "db", "Labels": ""}),
            json!({"ID": "f98f9c2aa1ea", "Image": "alpine", "Command": "\"sh\"", "RunningFor": "3 days ago",
                   "Status": "Created", "Ports": "53/udp, 7000-7002/tcp, 127.0.0.1:9000-9001->9000-9001/tcp", "Names": "multi", "Labels": ""}),
        ]
    }

    const PS_TABLE: &str = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";

    fn ps(format: &str, rows: &[Value]) -> Result<String, TemplateError> {
        let opts = Options::structure("*formatter.ContainerContext").html_escaped_json();
        render_list(format, &ps_header(), rows, &opts)
    }

    #[test]
    fn ps_default_table() {
        let want = "\
CONTAINER ID   IMAGE         COMMAND                  CREATED          STATUS                      PORTS                                                       NAMES
128ec8ceab71   hello-world   \"/hello\"                 14 seconds ago   Exited (0) 13 seconds ago                                                               exciting_chebyshev
b20d59c0f6d8   nginx         \"/docker-entrypoint.…\"   4 minutes ago    Up 4 minutes                0.0.0.0:8080->80/tcp, [::]:8080->80/tcp                     web
4a7f7eebae0f   redis:7       \"docker-entrypoint.s…\"   2 hours ago      Up 2 hours                  6379/tcp                                                    db
f98f9c2aa1ea   alpine        \"sh\"                     3 days ago       Created                     53/udp, 7000-7002/tcp, 127.0.0.1:9000-9001->9000-9001/tcp   multi
";
        assert_eq!(ps(PS_TABLE, &ps_rows()).unwrap(), want);
    }

    #[test]
    fn ps_empty_table_is_the_header() {
        assert_eq!(
            ps(PS_TABLE, &[]).unwrap(),
            "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"
        );
    }

    #[test]
    fn ps_custom_formats() {
        let rows = ps_rows();
        assert_eq!(
            ps("table {{.ID}}\\t{{.Names}}\\t{{.Ports}}", &rows).unwrap(),
            "\
CONTAINER ID   NAMES                PORTS
128ec8ceab71   exciting_chebyshev   
b20d59c0f6d8   web                  0.0.0.0:8080->80/tcp, [::]:8080->80/tcp
4a7f7eebae0f   db                   6379/tcp
f98f9c2aa1ea   multi                53/udp, 7000-7002/tcp, 127.0.0.1:9000-9001->9000-9001/tcp
"
        );
        assert_eq!(
            ps("{{.Names}}\\t{{.Status}}", &rows[1..3]).unwrap(),
            "web\tUp 4 minutes\ndb\tUp 2 hours\n"
        );
        assert_eq!(
            ps("{{.ID}}", &rows).unwrap(),
            "128ec8ceab71\nb20d59c0f6d8\n4a7f7eebae0f\nf98f9c2aa1ea\n"
        );
        assert_eq!(ps("  {{.ID}}  ", &rows[..1]).unwrap(), "128ec8ceab71\n");
        assert_eq!(ps("{{.Names}}", &[]).unwrap(), "");
        assert_eq!(ps("table", &rows[..2]).unwrap(), "\n\n\n");
        // Header functions keep the column names.
        assert_eq!(
            ps(
                "table {{upper .Names}}\\t{{json .ID}}\\t{{truncate .Image 3}}",
                &rows[1..2]
            )
            .unwrap(),
            "NAMES     CONTAINER ID     IMAGE\nWEB       \"b20d59c0f6d8\"   ngi\n"
        );
    }

    #[test]
    fn ps_json_rows_are_marshalled() {
        let row = json!({"Command": "\"/docker-entrypoint.…\"", "ID": "b20d59c0f6d8", "Names": "web",
                         "Ports": "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"});
        assert_eq!(
            ps("json", std::slice::from_ref(&row)).unwrap(),
            "{\"Command\":\"\\\"/docker-entrypoint.…\\\"\",\"ID\":\"b20d59c0f6d8\",\"Names\":\"web\",\"Ports\":\"0.0.0.0:8080-\\u003e80/tcp, [::]:8080-\\u003e80/tcp\"}\n"
        );
        assert_eq!(
            ps("{{json .Ports}}", &[row]).unwrap(),
            "\"0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\"\n"
        );
    }

    #[test]
    fn ps_errors_print_nothing() {
        let rows = ps_rows();
        assert_eq!(
            ps("{{.Foo}}", &rows),
            Err(TemplateError::Exec(
                "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext".into()
            ))
        );
        assert_eq!(ps("table {{.Foo}}", &[]).unwrap(), "<no value>\n");
        assert_eq!(
            ps("{{", &rows),
            Err(TemplateError::Parse("template: :1: unclosed action".into()))
        );
        assert_eq!(
            ps("{{.ID | nosuch}}", &rows),
            Err(TemplateError::Parse(
                "template: :1: function \"nosuch\" not defined".into()
            ))
        );
    }

    #[test]
    fn images_tables() {
        let header = json!({"Repository": "REPOSITORY", "Tag": "TAG", "ID": "IMAGE ID", "CreatedSince": "CREATED", "Size": "SIZE", "Digest": "DIGEST"});
        let rows = vec![
            json!({"Repository": "<none>", "Tag": "<none>", "ID": "a0971c4015c1", "CreatedSince": "6 minutes ago", "Size": "11MB", "Digest": "<none>"}),
            json!({"Repository": "debian", "Tag": "bookworm", "ID": "4eacea30377a", "CreatedSince": "8 days ago", "Size": "124MB", "Digest": "sha256:3f1d"}),
            json!({"Repository": "hello-world", "Tag": "latest", "ID": "d2c94e258dcb", "CreatedSince": "16 months ago", "Size": "13.3kB", "Digest": "sha256:d211"}),
            json!({"Repository": "old", "Tag": "x", "ID": "000000000000", "CreatedSince": "", "Size": "1B", "Digest": "<none>"}),
        ];
        let opts = Options::structure("*formatter.imageContext").html_escaped_json();
        let table = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}";
        assert_eq!(
            render_list(table, &header, &rows, &opts).unwrap(),
            "\
REPOSITORY    TAG        IMAGE ID       CREATED         SIZE
<none>        <none>     a0971c4015c1   6 minutes ago   11MB
debian        bookworm   4eacea30377a   8 days ago      124MB
hello-world   latest     d2c94e258dcb   16 months ago   13.3kB
old           x          000000000000   N/A             1B
"
        );
        assert_eq!(
            render_list("{{.Repository}}:{{.Tag}}", &header, &rows[..3], &opts).unwrap(),
            "<none>:<none>\ndebian:bookworm\nhello-world:latest\n"
        );
        assert_eq!(
            render_list("json", &header, &rows[..1], &opts).unwrap(),
            "{\"CreatedSince\":\"6 minutes ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"a0971c4015c1\",\"Repository\":\"\\u003cnone\\u003e\",\"Size\":\"11MB\",\"Tag\":\"\\u003cnone\\u003e\"}\n"
        );
    }

    #[test]
    fn formats_resolve_like_docker() {
        assert_eq!(
            Format::resolve("", false, PS_TABLE, "{{.ID}}"),
            Format(PS_TABLE)
        );
        assert_eq!(
            Format::resolve("table", true, PS_TABLE, "{{.ID}}"),
            Format("{{.ID}}")
        );
        assert_eq!(
            Format::resolve("{{.Names}}", true, PS_TABLE, "{{.ID}}"),
            Format("{{.Names}}")
        );
        assert!(Format("tablex").is_table());
        assert!(!Format("json ").is_json());
        assert_eq!(Format("json").template_text(), "{{json .}}");
        assert_eq!(
            Format("table {{.A}}\\t{{.B}}\\n").template_text(),
            "{{.A}}\t{{.B}}\n"
        );
        assert_eq!(Format(" \t{{.A}} ").template_text(), "\t{{.A}}");
        assert!(Format("{{.Size}}").contains(".Size"));
    }
}
