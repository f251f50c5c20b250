//! What a terminal gets back: text on two streams, an exit status, and structured events.

/// The stream a piece of text was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// A run of text written to one stream. Text may carry ANSI colour sequences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Which stream the text went to.
    pub stream: Stream,
    /// The text itself.
    pub text: String,
}

/// Something a front end may draw besides text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The prompt changed (entering or leaving a container shell, changing directory).
    Prompt(String),
    /// The screen should be cleared (`clear`, `cls`, Ctrl-L).
    Clear,
    /// A docker client call reached the daemon, as the Engine API names it
    /// (`POST /containers/create`). The visualizer animates these.
    Api {
        /// HTTP method of the Engine API call.
        method: String,
        /// Path of the Engine API call, without the version prefix.
        path: String,
    },
}

/// Everything a line (or a tick) produced for one terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Text in the order it was written.
    pub chunks: Vec<Chunk>,
    /// Exit status of the command that finished, or `None` while it still runs.
    pub status: Option<i32>,
    /// Structured events, in order.
    pub events: Vec<Event>,
    /// Raw bytes a command wrote to a standard output that is not a terminal (the tar of
    /// `docker save > file.tar`); the host shell writes them into the redirect's file as
    /// they are.
    pub stdout_bytes: Vec<u8>,
}

impl Output {
    /// Appends text to standard output.
    pub fn out(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stdout, text.as_ref());
    }

    /// Appends text to standard error.
    pub fn err(&mut self, text: impl AsRef<str>) {
        self.push(Stream::Stderr, text.as_ref());
    }

    /// Appends text to `stream`, merging with the previous chunk when it is on the same stream.
    pub fn push(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(text),
            _ => self.chunks.push(Chunk {
                stream,
                text: text.to_owned(),
            }),
        }
    }

    /// Appends raw bytes to standard output (only when it is not a terminal).
    pub fn out_bytes(&mut self, bytes: &[u8]) {
        self.stdout_bytes.extend_from_slice(bytes);
    }

    /// Appends everything `other` holds; its status replaces ours when it has one.
    pub fn append(&mut self, other: Output) {
        for c in other.chunks {
            self.push(c.stream, &c.text);
        }
        self.stdout_bytes.extend(other.stdout_bytes);
        self.events.extend(other.events);
        if other.status.is_some() {
            self.status = other.status;
        }
    }

    /// All text as a terminal shows it, both streams interleaved.
    pub fn text(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }

    /// The text written to one stream only.
    pub fn stream_text(&self, stream: Stream) -> String {
        self.chunks
            .iter()
            .filter(|c| c.stream == stream)
            .map(|c| c.text.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_merge_per_stream_and_keep_order() {
        let mut o = Output::default();
        o.out("a");
        o.out("b");
        o.err("c");
        o.out("");
        o.out("d");
        assert_eq!(o.chunks.len(), 3);
        assert_eq!(o.text(), "abcd");
        assert_eq!(o.stream_text(Stream::Stdout), "abd");
        assert_eq!(o.stream_text(Stream::Stderr), "c");
    }

    #[test]
    fn raw_bytes_survive_append_apart_from_text() {
        let mut inner = Output::default();
        inner.out_bytes(&[0xff, 0x00, b'\n']);
        inner.out_bytes(&[0xfe]);
        let mut o = Output::default();
        o.out("text");
        o.append(inner);
        assert_eq!(o.stdout_bytes, vec![0xff, 0x00, b'\n', 0xfe]);
        assert_eq!(o.text(), "text");
    }
}
