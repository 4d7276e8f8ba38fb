#!/bin/bash
# Delete the scalar evaluation code on a checkout of main: ROOT
set -e
ROOT=$1
cd $ROOT
. /work/venv/bin/activate
python3 /work/strip_scalar.py $ROOT > /tmp/strip.log
python3 /work/merge_metadata.py $ROOT > /tmp/merge.log
git add -A
git apply -3 /work/one-copy.patch || { echo "patch failed"; exit 1; }
for f in src/wenjiuye_cli/engine.py src/wenjiuye_cli/outcome.py src/wenjiuye_cli/columnar/applicants.py; do git -C /work/main show lead:$f > $f; done
git rm -q -f src/wenjiuye_cli/rules/_logic.py 2>/dev/null || rm -f src/wenjiuye_cli/rules/_logic.py
python3 - <<'PY'
p='src/wenjiuye_cli/rules/_startup_loan.py'
s=open(p).read()
if 'class LoanTerms' in s:
    i=s.rfind('\n@dataclass', 0, s.index('class LoanTerms'))
    tail='Formula = Callable[[Evaluation, LoanTerms], Discount]\n'
    j=s.index(tail)+len(tail)
    s=s[:i]+"\n"+s[j:]
    open(p,'w').write(s)
p='src/wenjiuye_cli/rules/_readings.py'
s=open(p).read()
s=s.replace('Rule = Callable[[Evaluation], Outcome]\n','')
open(p,'w').write(s)
PY
git rm -q -f tests/columnar/test_differential.py tests/measures/test_key_groups.py tests/measures/test_special_difficulty.py
ruff check --fix -q src tests benchmarks >/dev/null || true
ruff format -q src tests benchmarks
git add -A
echo finalize-done
python3 - <<'PY'
p='tests/measures/test_readings.py'
s=open(p).read()
a=s.index('def test_other_reading_runs_the_rule_with_one_parameter_read_otherwise')
b=s.index('def test_a_missing_fact_is_named_even_when_its_name_is_a_message_code')
s=s[:a]+s[b:]
s=s.replace("    # the chosen reading's parameters are the outcome's; the policy itself is untouched\n    assert full.parameters_used == lean.parameters_used\n","    # the policy itself is untouched\n")
s=s.replace('"""measures/_readings.py: the other reading of a parameter, run once more and reported as a note only."""','"""The other reading of a parameter (columnar/readings.py): reported as a note only, never a second answer."""')
open(p,'w').write(s)
PY
ruff check --fix -q tests >/dev/null || true
git add -A
echo finalize-2-done
