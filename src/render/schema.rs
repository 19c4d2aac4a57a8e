//! The JSON Schema (draft 2020-12) of an answers file (`schema`, and the file `init` writes
//! beside an answers file), so editors that read TOML through JSON Schema (taplo, Even Better
//! TOML) check and complete answers as they are typed.
//!
//! Built from the [`Questionnaire`], not derived with `schemars`: answers are validated from
//! the raw TOML with spans, so there are no typed answer structs to derive it from, and typed
//! mirrors of the questions would be a second copy of the catalogue to keep in step. The
//! schema uses only keywords that draft 7 reads the same way, since some editors still
//! validate with an older draft.

use serde_json::{Map, Value, json};

use crate::questions::{Accepts, Entry, Questionnaire};

/// The draft the schema follows.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of an answers file, pretty-printed.
pub fn answers(q: &Questionnaire) -> String {
    let mut properties = Map::new();
    let mut required_sections = Vec::new();
    for section in &q.sections {
        let mut keys = Map::new();
        let mut required = Vec::new();
        for entry in &section.keys {
            keys.insert(entry.key.to_owned(), key(entry));
            if entry.required {
                required.push(entry.key);
            }
        }
        let mut schema = json!({
            "description": section.description,
            "type": "object",
            "properties": keys,
            "additionalProperties": false,
        });
        if !required.is_empty() {
            schema["required"] = json!(required);
            required_sections.push(section.section);
        }
        properties.insert(section.section.to_owned(), schema);
    }
    let schema = json!({
        "$schema": DRAFT,
        "title": "llm-strategy answers file",
        "description": "One scenario for llm-strategy: one organization and one use case. \
            `llm-strategy questions` explains every question.",
        "type": "object",
        "properties": properties,
        "required": required_sections,
        "additionalProperties": false,
    });
    // A tree of strings, numbers, lists and maps always serializes.
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

/// The schema of one key: its description, and an enum of levels (each level's meaning in
/// taplo's `x-taplo` docs, shown on completion and hover) or a number's type and bound.
fn key(entry: &Entry) -> Value {
    let need = if entry.required {
        "Required"
    } else {
        "Optional"
    };
    let mut schema = match &entry.accepts {
        Accepts::Level { levels, .. } => {
            let names: Vec<&str> = levels.iter().map(|l| l.level).collect();
            let meanings: Vec<&str> = levels.iter().map(|l| l.meaning).collect();
            json!({
                "description": format!("{} {need}.", entry.description),
                "type": "string",
                "enum": names,
                "x-taplo": { "docs": { "enumValues": meanings } },
            })
        }
        Accepts::Number {
            unit,
            whole,
            positive,
        } => {
            let mut schema = json!({
                "description": format!("{} {need}. Unit: {unit}.", entry.description),
                "type": if *whole { "integer" } else { "number" },
            });
            let bound = if *positive {
                "exclusiveMinimum"
            } else {
                "minimum"
            };
            schema[bound] = json!(0);
            schema
        }
        Accepts::Text => json!({
            "description": format!("{} {need}.", entry.description),
            "type": "string",
            "pattern": "\\S",
        }),
    };
    schema["examples"] = json!([entry.example_value()]);
    if entry.uncertain.is_some() {
        schema = uncertain(schema);
    }
    schema
}

/// A question's schema that also accepts its uncertain form: a list of candidate levels, or a
/// range `{ low, likely, high }` of numbers. The description and examples stay on top, where
/// editors show them.
fn uncertain(single: Value) -> Value {
    let mut one = single;
    let Some(fields) = one.as_object_mut() else {
        return one;
    };
    let description = fields.remove("description").unwrap_or(Value::Null);
    let examples = fields.remove("examples").unwrap_or(Value::Null);
    let many = if fields.contains_key("enum") {
        json!({
            "description": "Candidate levels, each equally plausible; the first is the one assumed.",
            "type": "array",
            "items": { "type": "string", "enum": fields["enum"].clone() },
            "minItems": 1,
            "uniqueItems": true,
        })
    } else {
        let number = one.clone();
        json!({
            "description": "A range of plausible values; without likely, the middle is assumed.",
            "type": "object",
            "properties": { "low": number, "likely": number, "high": number },
            "required": ["low", "high"],
            "additionalProperties": false,
        })
    };
    json!({
        "description": description,
        "anyOf": [one, many],
        "examples": examples,
    })
}
