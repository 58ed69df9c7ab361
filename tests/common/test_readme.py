import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_documents_every_environment_variable_the_configuration_reads():
    config = (ROOT / "src" / "alliancehub" / "config.py").read_text()
    readme = (ROOT / "README.md").read_text()
    variables = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', config))

    assert {"ALLIANCEHUB_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= variables
    assert sorted(v for v in variables if f"`{v}`" not in readme) == []


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()

    assert readme.index("make run") < readme.index("## Configuration")
    assert readme.index("make test") < readme.index("## Configuration")
