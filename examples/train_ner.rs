//! # Training the English entity tagger
//!
//! Rebuilds `src/extract/entities/data/ner-en.bin` from CoNLL-2003 English training data in
//! the evaluation folder's JSON Lines form (`{"id", "body"}` inputs, `{"id", "entities":
//! [{"type", "start", "end"}]}` gold, offsets in code points). Deterministic: the same data
//! gives the same bytes.
//!
//! ```text
//! E=../shared/eval/ner
//! cargo run --release --example train_ner -- $E/conll-train.input.jsonl $E/conll-train.gold.jsonl \
//!     src/extract/entities/data/ner-en.bin [$E/conll-dev.input.jsonl $E/conll-dev.gold.jsonl]
//! ```
//!
//! With the two optional dev files it also prints the dev F1 (typed surfaces per document,
//! as `score_ner.py` counts them) of the model it wrote. Settings: `NER_BITS` (hash buckets
//! 2^bits, default 18), `NER_EPOCHS` (default 20).

use std::collections::HashMap;
use std::error::Error;
use std::fs;

use newsdex::extract::entities::train::{TrainDoc, TrainOptions, train};
use newsdex::extract::entities::{Model, tag};
use serde_json::Value;

type Res<T> = Result<T, Box<dyn Error>>;

/// A document with its gold `(type, surface)` pairs.
type Labelled = (TrainDoc, Vec<(usize, String)>);

fn read_jsonl(path: &str) -> Res<Vec<Value>> {
    let text = fs::read_to_string(path)?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Ok(serde_json::from_str(l)?))
        .collect()
}

fn type_number(t: &str) -> Option<usize> {
    match t {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Documents with their gold spans, offsets turned from code points into bytes.
fn load(input: &str, gold: &str) -> Res<Vec<Labelled>> {
    let mut spans: HashMap<String, Vec<Value>> = HashMap::new();
    for g in read_jsonl(gold)? {
        let id = g["id"].as_str().unwrap_or_default().to_string();
        spans.insert(id, g["entities"].as_array().cloned().unwrap_or_default());
    }
    let mut out = Vec::new();
    for d in read_jsonl(input)? {
        let id = d["id"].as_str().unwrap_or_default();
        let text = d["body"].as_str().unwrap_or_default().to_string();
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut doc = TrainDoc {
            text,
            spans: Vec::new(),
        };
        let mut surfaces = Vec::new();
        for e in spans.get(id).into_iter().flatten() {
            let ty = e["type"].as_str().and_then(type_number);
            let (s, t) = (e["start"].as_u64(), e["end"].as_u64());
            if let (Some(ty), Some(s), Some(t)) = (ty, s, t) {
                let (s, t) = (byte_at[s as usize], byte_at[t as usize]);
                doc.spans.push((s, t, ty));
            }
            if let (Some(ty), Some(txt)) = (ty, e["text"].as_str()) {
                surfaces.push((ty, txt.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
        out.push((doc, surfaces));
    }
    Ok(out)
}

fn evaluate(model: &Model, dev: &[Labelled]) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (doc, gold) in dev {
        let mut want: HashMap<(usize, String), usize> = HashMap::new();
        for g in gold {
            *want.entry(g.clone()).or_default() += 1;
        }
        for s in tag(model, &doc.text) {
            let ty = match s.kind {
                newsdex::EntityKind::Person => 0,
                newsdex::EntityKind::Organization => 1,
                newsdex::EntityKind::Place => 2,
                newsdex::EntityKind::Other => 3,
            };
            let k = (
                ty,
                s.of(&doc.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            match want.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    tp += 1;
                }
                _ => fp += 1,
            }
        }
        fn_ += want.values().sum::<usize>();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "dev (model alone): P {p:.3} R {r:.3} F1 {:.3}",
        2.0 * p * r / (p + r).max(1e-9)
    );
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 && args.len() != 5 {
        return Err(
            "usage: train_ner TRAIN_INPUT TRAIN_GOLD OUT_MODEL [DEV_INPUT DEV_GOLD]".into(),
        );
    }
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let opts = TrainOptions {
        bits: env("NER_BITS", 18) as u32,
        epochs: env("NER_EPOCHS", 20),
        ..TrainOptions::default()
    };
    let docs: Vec<TrainDoc> = load(&args[0], &args[1])?
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    let model = train(&docs, &opts, |epoch, errors, tokens| {
        eprintln!("epoch {epoch}: {errors} errors in {tokens} tokens");
    });
    fs::write(&args[2], model.to_bytes())?;
    println!("wrote {} ({} bytes)", args[2], model.to_bytes().len());
    if args.len() == 5 {
        evaluate(&model, &load(&args[3], &args[4])?);
    }
    Ok(())
}
