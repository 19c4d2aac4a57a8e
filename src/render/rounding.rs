//! How JSON output writes numbers: each rounded to the precision its key calls for, as the
//! numbers stream out, so a report is written in one pass without building a tree first.

use std::io::{self, Write};

use serde_json::ser::{CharEscape, Formatter};

/// How a number is written, chosen by the name of the key that holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Precision {
    /// As computed: scores, answers, thresholds and the facts rules compared.
    Exact,
    /// Money (keys ending in `_usd`): rounded to cents.
    Cents,
    /// Counts: whole numbers, written without a decimal point.
    Whole,
    /// Rates and shares of the cost model: four decimal places.
    Rate,
}

/// Keys whose values are counts.
const COUNTS: [&str; 9] = [
    "tokens_per_month",
    "break_even_requests_per_day",
    "gpus",
    "gpus_per_replica",
    "cluster_gpus",
    "params",
    "tokens",
    "own_tokens",
    "public_tokens",
];

/// Keys whose values are rates or shares estimated by the cost model.
const RATES: [&str; 6] = [
    "budget_share",
    "training_budget_share",
    "concurrency",
    "peak_tokens_per_second",
    "gpu_hours",
    "lead_time_weeks",
];

/// The precision of a key's value. Per-strategy maps (one-letter keys) keep their parent's
/// precision, so the values under `monthly_usd` are cents; other keys choose their own. Lists
/// keep the precision of the key that holds them.
fn precision_of(key: &str, parent: Precision) -> Precision {
    if key.ends_with("_usd") {
        Precision::Cents
    } else if COUNTS.contains(&key) {
        Precision::Whole
    } else if RATES.contains(&key) {
        Precision::Rate
    } else if key.len() == 1 {
        parent
    } else {
        Precision::Exact
    }
}

/// A number as its precision writes it.
enum Written {
    /// A decimal number.
    Float(f64),
    /// A whole number.
    Whole(i64),
    /// Unchanged.
    AsIs,
}

fn rounded(x: f64, precision: Precision) -> Written {
    let scaled = |k: f64| {
        let v = (x * k).round() / k + 0.0;
        if v.is_finite() {
            Written::Float(v)
        } else {
            Written::AsIs
        }
    };
    match precision {
        Precision::Cents => scaled(100.0),
        Precision::Rate => scaled(10_000.0),
        // Counts past 2^53 are not exact in JSON anyway; they keep their form.
        #[allow(clippy::cast_possible_truncation)]
        Precision::Whole if x.abs() < 9e15 => Written::Whole(x.round() as i64),
        Precision::Whole | Precision::Exact => Written::AsIs,
    }
}

/// A JSON formatter that rounds each number to its key's precision and otherwise writes as
/// `inner` does (pretty or compact).
pub(super) struct Rounding<F> {
    inner: F,
    /// The precision of each open object or list, innermost last.
    open: Vec<Precision>,
    /// The precision of the value being written.
    current: Precision,
    /// The key being written, while it is.
    key: Option<String>,
}

impl<F: Formatter> Rounding<F> {
    /// Rounds numbers as they pass to `inner`.
    pub(super) fn new(inner: F) -> Rounding<F> {
        Rounding {
            inner,
            open: Vec::new(),
            current: Precision::Exact,
            key: None,
        }
    }

    /// Writes a number: as it is inside a key, else rounded to the current precision.
    fn number<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        x: f64,
        as_is: impl FnOnce(&mut F, &mut W) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(key) = &mut self.key {
            key.push_str(&x.to_string());
            return as_is(&mut self.inner, w);
        }
        match rounded(x, self.current) {
            Written::Float(v) => self.inner.write_f64(w, v),
            Written::Whole(v) => self.inner.write_i64(w, v),
            Written::AsIs => as_is(&mut self.inner, w),
        }
    }
}

macro_rules! integers {
    ($($method:ident: $t:ty),*) => {$(
        #[allow(clippy::cast_lossless)]
        fn $method<W: ?Sized + Write>(&mut self, w: &mut W, value: $t) -> io::Result<()> {
            self.number(w, value as f64, |inner, w| inner.$method(w, value))
        }
    )*};
}

impl<F: Formatter> Formatter for Rounding<F> {
    integers!(
        write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128
    );

    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        self.number(w, f64::from(value), |inner, w| inner.write_f32(w, value))
    }

    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        self.number(w, value, |inner, w| inner.write_f64(w, value))
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        if let Some(key) = &mut self.key {
            key.push_str(s);
        }
        self.inner.write_string_fragment(w, s)
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, w: &mut W, c: CharEscape) -> io::Result<()> {
        if let Some(key) = &mut self.key {
            key.push(match c {
                CharEscape::Quote => '"',
                CharEscape::ReverseSolidus => '\\',
                CharEscape::Solidus => '/',
                CharEscape::Backspace => '\u{8}',
                CharEscape::FormFeed => '\u{c}',
                CharEscape::LineFeed => '\n',
                CharEscape::CarriageReturn => '\r',
                CharEscape::Tab => '\t',
                CharEscape::AsciiControl(b) => char::from(b),
            });
        }
        self.inner.write_char_escape(w, c)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.push(self.current);
        self.inner.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.pop();
        self.inner.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.current = self.open.last().copied().unwrap_or(Precision::Exact);
        self.inner.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.inner.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.push(self.current);
        self.inner.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.pop();
        self.inner.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.key = Some(self.key.take().unwrap_or_default());
        if let Some(key) = &mut self.key {
            key.clear();
        }
        self.inner.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if let Some(key) = self.key.take() {
            let parent = self.open.last().copied().unwrap_or(Precision::Exact);
            self.current = precision_of(&key, parent);
        }
        self.inner.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.inner.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.inner.end_object_value(w)
    }
}

/// Serializes `value` with numbers rounded to their keys' precision; pretty-printed or compact.
pub(super) fn to_string(value: &impl serde::Serialize, pretty: bool) -> Option<String> {
    if pretty {
        write(value, serde_json::ser::PrettyFormatter::new())
    } else {
        write(value, serde_json::ser::CompactFormatter)
    }
}

fn write(value: &impl serde::Serialize, formatter: impl Formatter) -> Option<String> {
    let mut out = Vec::with_capacity(16 * 1024);
    // The models hold only strings, numbers, lists and maps, so serializing cannot fail.
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Rounding::new(formatter));
    value.serialize(&mut serializer).ok()?;
    String::from_utf8(out).ok()
}
