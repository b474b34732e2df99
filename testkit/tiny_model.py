"""Builds a tiny random-weight CTranslate2 Transformer packed as an Argos `.argosmodel`."""

import io
import json
import random
import shutil
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec
from ctranslate2.specs.model_spec import LayerSpec

D_MODEL = 32
FFN = 64
HEADS = 2
EOS_BIAS = 2.0

_WORD_TEXT = {
    "en": "the president said on monday that talks with moscow and astana would continue "
    "news minister government election parliament week city people year new report",
    "de": "der präsident sagte am montag dass die gespräche mit moskau und astana weitergehen "
    "nachrichten minister regierung wahl parlament woche stadt leute jahr neu bericht",
    "ru": "президент заявил в понедельник что переговоры с москвой и астаной продолжатся "
    "новости министр правительство выборы парламент неделя город люди год новый доклад",
}
_WORDS = {code: text.split(" ") for code, text in _WORD_TEXT.items()}


def _sentences(languages: tuple[str, ...], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = _WORDS[languages[i % len(languages)]]
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))
        out.append(sentence.capitalize() + rng.choice([".", "!", "?", "."]) + f" {i % 10}")
    return out


def _train_sentencepiece(source: str, target: str) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_sentences((source, target), 400, seed=7)),
        model_writer=model,
        vocab_size=100 if "ru" not in (source, target) else 140,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=["[", "]", "X"],
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _fill(layer: LayerSpec, vocab: int, rng: np.random.Generator, path: str = "") -> None:
    """Give every required weight of the spec a random array of the right shape."""
    for name, value in list(vars(layer).items()):
        if isinstance(value, LayerSpec):
            _fill(value, vocab, rng, f"{path}.{name}")
        elif isinstance(value, list) and value and isinstance(value[0], LayerSpec):
            for i, item in enumerate(value):
                _fill(item, vocab, rng, f"{path}.{name}_{i}")
        elif value is None:
            setattr(layer, name, _shape_for(f"{path}.{name}", vocab, rng))


def _shape_for(path: str, vocab: int, rng: np.random.Generator) -> np.ndarray:
    if path.endswith("gamma"):
        return np.ones(D_MODEL, dtype=np.float32)
    if path.endswith("beta"):
        return np.zeros(D_MODEL, dtype=np.float32)
    rows, cols = D_MODEL, D_MODEL
    if "embeddings" in path or "projection" in path:
        rows = vocab
    elif "self_attention.linear_0" in path:
        rows = 3 * D_MODEL
    elif ".attention.linear_1" in path:
        rows = 2 * D_MODEL
    elif "ffn.linear_0" in path:
        rows = FFN
    elif "ffn.linear_1" in path:
        cols = FFN
    return rng.normal(0, 0.3, size=(rows, cols)).astype(np.float32)


def build_ct2_model(model_dir: Path, pieces: list[str], seed: int = 1) -> None:
    """Save a small random Transformer with a shared vocabulary into `model_dir`."""
    spec = transformer_spec.TransformerSpec.from_config((2, 2), HEADS)
    _fill(spec, len(pieces), np.random.default_rng(seed))
    # Favour "</s>" a little so outputs end after a few tokens, like a real model's would.
    bias = np.zeros(len(pieces), dtype=np.float32)
    bias[pieces.index("</s>")] = EOS_BIAS
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize("int8")
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def build_tiny_argos_package(dest_dir: Path, source: str, target: str) -> Path:
    """Write `<source>_<target>-tiny.argosmodel` into dest_dir and return its path."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    sp_bytes = _train_sentencepiece(source, target)
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    top = f"translate-{source}_{target}-tiny"
    staging = dest_dir / f".{top}-build"
    build_ct2_model(staging / "model", pieces, seed=len(source + target) + ord(source[0]))
    metadata = {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": source,
        "to_code": target,
        "name": f"Tiny random {source}→{target} (tests)",
        "type": "translate",
    }
    package = dest_dir / f"{source}_{target}-tiny.argosmodel"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}/metadata.json", json.dumps(metadata))
        archive.writestr(f"{top}/sentencepiece.model", sp_bytes)
        for file in sorted((staging / "model").iterdir()):
            archive.write(file, f"{top}/model/{file.name}")
    shutil.rmtree(staging)
    return package


if __name__ == "__main__":  # pragma: no cover - manual smoke run
    import sys
    import tempfile

    out = Path(tempfile.mkdtemp())
    path = build_tiny_argos_package(out, sys.argv[1], sys.argv[2])
    print(path, ctranslate2.__version__)
