"""Whether a translated plan converts as fast as an English one of the same size (issue 12).

For each language below, a Spec Kit plan.md written from a fully translated template (headings,
labels, title prefix, full-width colons where the language writes them) and its English twin
(the same body text under the English template's headings and labels, so of about the same size)
are each converted to every format, in this one process; the time of the translated plan over
its twin's is the ratio (best of ``--rounds``, in CPU time: the machine may be shared). Linear cost
in the language gives about 1. The goal (issue 12): every language at most ``LIMIT`` (1.1) over all
targets, and no target alone above ``TARGET_LIMIT`` (1.15); a ratio above either is flagged and
makes the exit status 1.
``--size`` repeats the plan's body paragraphs and tasks to grow it; ``--by-target`` adds the ratio
of each target's conversion alone (a translated plan's headings and labels that a target writes
its own way are reported as losses, not carried: they need no appendix the English twin does not;
what costs more is showing its headings where the target and the appendix take them).

Run: ``python benchmarks/bench_translated.py [--rounds N] [--size N] [--language CODE ...] [--by-target]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import plancore
from plancore._format import forget_texts

LIMIT = 1.1
TARGET_LIMIT = 1.15

# Language -> (title prefix, colon, header labels (branch, date, spec), headings (summary, technical
# context, constitution check, project structure, source code, complexity tracking), the nine
# Technical Context labels). English is the twin every other language is timed against.
TEMPLATES = {
    "en": (
        "Implementation Plan: ",
        ":",
        ("Branch", "Date", "Spec"),
        (
            "Summary",
            "Technical Context",
            "Constitution Check",
            "Project Structure",
            "Source Code (repository root)",
            "Complexity Tracking",
        ),
        (
            "Language/Version",
            "Primary Dependencies",
            "Storage",
            "Testing",
            "Target Platform",
            "Project Type",
            "Performance Goals",
            "Constraints",
            "Scale/Scope",
        ),
    ),
    "zh-Hans": (
        "实现计划：",
        "：",
        ("分支", "日期", "规范"),
        ("摘要", "技术背景", "章程检查", "项目结构", "源代码（仓库根目录）", "复杂性追踪"),
        ("语言/版本", "主要依赖", "存储", "测试", "目标平台", "项目类型", "性能目标", "约束", "规模/范围"),
    ),
    "ja": (
        "実装計画: ",
        ":",
        ("ブランチ", "日付", "仕様"),
        (
            "概要",
            "技術コンテキスト",
            "憲法チェック",
            "プロジェクト構成",
            "ソースコード（リポジトリルート）",
            "複雑性トラッキング",
        ),
        (
            "言語/バージョン",
            "主要な依存関係",
            "ストレージ",
            "テスト",
            "対象プラットフォーム",
            "プロジェクトタイプ",
            "パフォーマンス目標",
            "制約",
            "規模/スコープ",
        ),
    ),
    "ko": (
        "구현 계획: ",
        ":",
        ("브랜치", "날짜", "스펙"),
        ("요약", "기술 컨텍스트", "헌법 검사", "프로젝트 구조", "소스 코드 (저장소 루트)", "복잡성 추적"),
        (
            "언어/버전",
            "주요 의존성",
            "스토리지",
            "테스트",
            "대상 플랫폼",
            "프로젝트 유형",
            "성능 목표",
            "제약 조건",
            "규모/범위",
        ),
    ),
    "pt": (
        "Plano de Implementação: ",
        ":",
        ("Branch", "Data", "Especificação"),
        (
            "Resumo",
            "Contexto Técnico",
            "Verificação da Constituição",
            "Estrutura do Projeto",
            "Código-fonte",
            "Rastreamento de Complexidade",
        ),
        (
            "Linguagem/Versão",
            "Dependências Principais",
            "Armazenamento",
            "Testes",
            "Plataforma Alvo",
            "Tipo de Projeto",
            "Metas de Desempenho",
            "Restrições",
            "Escala/Escopo",
        ),
    ),
}
VALUES = (
    "Kotlin 2.0",
    "Room, WorkManager",
    "SQLite",
    "JUnit 5",
    "Android 12+",
    "mobile + API",
    "< 5 s",
    "offline",
    "50k users",
)


def plan_text(language: str, size: int) -> str:
    """The plan of ``language`` (``en`` for the twin), its body repeated ``size`` times."""
    prefix, colon, (branch, date, spec), headings, labels = TEMPLATES[language]
    summary, context, check, structure, source, complexity = headings
    paragraph = "Offline editing with background sync; conflicts merge field by field, newest wins."
    stack = "\n".join(f"**{label}**{colon} {value}" for label, value in zip(labels, VALUES, strict=True))
    checks = "\n".join(f"- [x] Rule {index}: one failing test per sync rule" for index in range(1, size + 1))
    tree = "\n".join(f"├── sync/Worker{index}.kt" for index in range(size))
    return (
        f"# {prefix}Offline Sync\n\n"
        f"**{branch}**{colon} `004-offline-sync` | **{date}**{colon} 2026-03-02 | "
        f"**{spec}**{colon} [spec.md](./spec.md)\n\n"
        f"## {summary}\n\n" + "\n\n".join([paragraph] * size) + "\n\n"
        f"## {context}\n\n{stack}\n\n"
        f"## {check}\n\n{checks}\n\n"
        f"## {structure}\n\n### {source}\n\n```text\napp/src/main/kotlin/\n{tree}\n```\n\n"
        f"## {complexity}\n\n> No violations.\n"
    )


def convert_all(text: str, targets: tuple[str, ...] = ()) -> None:
    for target in targets or plancore.formats():
        plancore.convert(text, target, source="speckit-github")


def cpu_seconds(function: Callable[[], object]) -> float:
    """The CPU time of one run of ``function``, reading its texts afresh (plancore keeps what it
    read of the last few texts)."""
    forget_texts()
    start = time.process_time()
    function()
    return time.process_time() - start


def ratio(text: str, english: str, rounds: int, targets: tuple[str, ...] = ()) -> tuple[float, float]:
    """The best CPU seconds of converting ``text`` and ``english`` to ``targets`` (all when empty)."""
    # The twin timed in turn with the plan, round by round: a busy machine slows both alike.
    base = seconds = float("inf")
    for _ in range(rounds):
        base = min(base, cpu_seconds(lambda: convert_all(english, targets)))
        seconds = min(seconds, cpu_seconds(lambda: convert_all(text, targets)))
    return seconds, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="best of this many rounds (default 5)")
    parser.add_argument("--size", type=int, default=10, help="repeats of the body's paragraphs and items")
    parser.add_argument("--language", action="append", choices=[code for code in TEMPLATES if code != "en"])
    parser.add_argument("--by-target", action="store_true", help="also the ratio of each target alone")
    args = parser.parse_args(argv)
    english = plan_text("en", args.size)
    # Each translated plan must read as the same plan (stack and summary in place), or the timing means nothing.
    assert plancore.detect(english) == "speckit-github"
    convert_all(english)
    print(f"goal: every language <= {LIMIT:.2f} over all targets, no target above {TARGET_LIMIT:.2f}")
    print(f"{'language':10} {'chars':>7} {'en chars':>8} {'seconds':>8} {'en s':>8} {'ratio':>6}")
    failed = False
    for language in args.language or [code for code in TEMPLATES if code != "en"]:
        text = plan_text(language, args.size)
        plan = plancore.parse(text, "speckit-github")
        assert plancore.detect(text) == "speckit-github", language
        assert len(plan.architecture.tech_stack) == 9 and plan.summary.startswith("Offline editing"), language
        convert_all(text)
        seconds, base = ratio(text, english, args.rounds)
        flag = f"  <-- above {LIMIT:.2f}" if seconds / base > LIMIT else ""
        failed |= seconds / base > LIMIT
        print(f"{language:10} {len(text):7} {len(english):8} {seconds:8.4f} {base:8.4f} {seconds / base:6.2f}{flag}")
        for target in plancore.formats() if args.by_target else ():
            alone, twin = ratio(text, english, args.rounds, (target,))
            flag = f"  <-- above {TARGET_LIMIT:.2f}" if alone / twin > TARGET_LIMIT else ""
            failed |= alone / twin > TARGET_LIMIT
            print(f"  {target:15} {'':15} {alone:8.4f} {twin:8.4f} {alone / twin:6.2f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
