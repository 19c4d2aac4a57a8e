//! Checking one promise: its question, quantity and direction.

use super::{FileProblems, require_text};
use crate::diagnostic::Diagnostic;
use crate::questions::{QuestionId, quote_list};
use crate::rules::promise::{Direction, Place, Promise, Quantity, Subject};
use crate::rules::raw::{RawPromise, RawQuantity};

/// Checks the promise at `path`; `place` is where it is written.
pub(super) fn check_promise(
    problems: &mut FileProblems,
    path: &str,
    p: RawPromise,
    place: Place,
) -> Option<Promise> {
    require_text(problems, path, "summary", &p.summary);
    let question = QuestionId::from_name(&p.question);
    if question.is_none() {
        let names: Vec<&str> = QuestionId::all().map(QuestionId::name).collect();
        problems.push(
            format!("{path}/question"),
            Diagnostic::nowhere(format!("unknown question \"{}\"", p.question))
                .note("allowed: a question's `section.key`, as `llm-strategy questions` lists them")
                .suggest(&p.question, names),
        );
    }
    let quantity = quantity(problems, &format!("{path}/quantity"), &p.quantity);
    let direction = Direction::from_name(&p.direction);
    if direction.is_none() {
        let allowed = ["never_rises", "never_falls"];
        problems.push(
            format!("{path}/direction"),
            Diagnostic::nowhere(format!("unknown direction \"{}\"", p.direction))
                .note(format!("allowed: one of {}", quote_list(&allowed)))
                .suggest(&p.direction, allowed),
        );
    }
    Some(Promise {
        id: p.id,
        summary: p.summary,
        question: question?,
        quantity: quantity?,
        direction: direction?,
        source: p.source,
        place,
    })
}

/// A quantity's key, its value in the file, and how to make it from its subject.
type Form<'q> = (&'static str, &'q Option<String>, fn(Subject) -> Quantity);

/// `{ score: A }`, `{ recommended: D }` or `{ ruled_out: fine-tune }`.
fn quantity(problems: &mut FileProblems, path: &str, q: &RawQuantity) -> Option<Quantity> {
    let forms: [Form<'_>; 3] = [
        ("score", &q.score, Quantity::Score),
        ("recommended", &q.recommended, Quantity::Recommended),
        ("ruled_out", &q.ruled_out, Quantity::RuledOut),
    ];
    let given: Vec<_> = forms.iter().filter(|(_, v, _)| v.is_some()).collect();
    let [(key, Some(name), make)] = given.as_slice() else {
        problems.push(
            path,
            Diagnostic::nowhere(
                "a promise's `quantity` takes exactly one of `score`, `recommended` or `ruled_out`",
            )
            .note(
                "allowed: e.g. `{ score: A }`, `{ recommended: D }` or `{ ruled_out: fine-tune }`",
            ),
        );
        return None;
    };
    let Some(subject) = Subject::from_name(name) else {
        problems.push(
            format!("{path}/{key}"),
            Diagnostic::nowhere(format!("unknown strategy or approach \"{name}\""))
                .note(format!("allowed: one of {}", quote_list(&Subject::NAMES)))
                .suggest(name, Subject::NAMES),
        );
        return None;
    };
    Some(make(subject))
}
