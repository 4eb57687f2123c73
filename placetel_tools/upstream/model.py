"""Compare the caller-ID model of placetel_tools/check.py (RUN, normalise, readings, stored_numbers) with
Zammad's own extract_numbers and normalize_number, run in ruby, on every example the pages state and
on seeded random texts."""

# What is compared, per text: the runs both find (check.RUN against the scan of
# extract_numbers), and the digits stored (check.stored_numbers against
# extract_numbers). extract_numbers also returns "" for a run without a digit
# ("------"); the model stores nothing for it, and no call ever matches "", so
# the comparison leaves those out (and counts them).
#
# The random texts are made of digits, white space (space, tab, newline), the
# characters people write in numbers (- ( ) | / . +) and a few letters, 0 to 60
# characters long (runs shorter than 6 and longer than 26 occur); a third of them
# are shaped like a number with a bracketed part, 49(0)30…, where the rules
# differ most. The generator is seeded, so every run compares the same texts.

from __future__ import annotations

import random

from placetel_tools import check
from placetel_tools.upstream import Result
from placetel_tools.upstream import ruby as ruby_harness
from placetel_tools.upstream.facts import Fact
from placetel_tools.upstream.sources import Upstream

TEXTS = 10_000
SEED = 18
SHOWN = 3  # disagreements quoted in a message
ALPHABET = "0123456789" * 4 + "     \t\n" + "--(())||/.+" + "aTelxyz"


def random_texts(count: int = TEXTS, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        if number % 3 == 0:
            prefix = rng.choice(["", "", "0", "00", "+", " ", "Tel. "])
            country = "".join(rng.choice("0123456789") for _ in range(rng.choice((1, 2, 2, 2, 3))))
            inside = rng.choice(["", "0"]) + "".join(
                rng.choice("0123456789|-) (/") for _ in range(rng.randint(0, 5))
            )
            rest = "".join(rng.choice("0123456789  -") for _ in range(rng.randint(0, 30)))
            text = prefix + country + rng.choice(["(", " (", "("]) + inside + ")" + rest
        else:
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        texts.append(text)
    return texts


def compare(facts: list[Fact], zammad: Upstream, count: int = TEXTS, seed: int = SEED) -> Result:
    result = Result("model")
    code = next(fact for fact in facts if fact.id == "model:code")
    examples = [fact for fact in facts if fact.id.startswith("model:example:")]
    where = lambda line=None: zammad.where("caller_id", line)  # noqa: E731
    try:
        parts = ruby_harness.extract(zammad.files["caller_id"])
        texts = [fact.value for fact in examples] + random_texts(count, seed)
        answers = ruby_harness.run(ruby_harness.harness(parts), texts)
    except ruby_harness.ExtractError as error:
        result.differ(
            code.path,
            code.line,
            f"Zammad's caller-ID functions cannot be run as they are ({where()}): {error}",
            "read the new caller_id.rb, update the model and placetel_tools/upstream/ruby.py",
            code.id,
        )
        return result
    function_line = parts["methods"]["normalize_number"][1]
    run_disagreements, number_disagreements, empty = [], [], 0
    for index, (text, (runs, numbers)) in enumerate(zip(texts, answers, strict=True)):
        result.compared += 1
        stored = [number for number in numbers if number != ""]
        empty += len(numbers) != len(stored)
        model_runs = [match.group() for match in check.RUN.finditer(text)]
        model = check.stored_numbers(text)
        if stored == model and runs == model_runs:
            continue
        if index < len(examples):
            fact = examples[index]
            result.differ(
                fact.path,
                fact.line,
                f"{text!r}: Zammad stores {', '.join(stored) or 'nothing'} ({where(function_line)}), "
                f"the model {', '.join(model) or 'nothing'} ({code.path})",
                "fix the model in placetel_tools/check.py, then what the page states",
                fact.id,
            )
        elif runs != model_runs:
            run_disagreements.append((text, runs, model_runs))
        else:
            number_disagreements.append((text, stored, model))
    random_count = len(texts) - len(examples)
    if run_disagreements:
        shown = "; ".join(f"{t!r}: Zammad {r}, model {m}" for t, r, m in run_disagreements[:SHOWN])
        result.differ(
            code.path,
            code.line,
            f"check.RUN finds other runs than Zammad's extract_numbers "
            f"({where(parts['methods']['extract_numbers'][1])}) in {len(run_disagreements)} of "
            f"{random_count} random texts, e.g. {shown}",
            "make RUN match Zammad's scan",
            code.id,
        )
    if number_disagreements:
        shown = "; ".join(
            f"{t!r}: Zammad {', '.join(s) or 'nothing'}, model {', '.join(m) or 'nothing'}"
            for t, s, m in number_disagreements[:SHOWN]
        )
        result.differ(
            code.path,
            code.line,
            f"the model stores other digits than Zammad's normalize_number ({where(function_line)}) "
            f"for {len(number_disagreements)} of {random_count} random texts, e.g. {shown}",
            "make normalise do what normalize_number does",
            code.id,
        )
    result.notes.append(
        f"{len(examples)} page examples and {random_count} random texts (seed {seed}); "
        f'{empty} had a run without digits, for which Zammad returns "" (left out)'
    )
    return result
