#!/usr/bin/env bash
# Moves tikhonov's internal helpers (public only because other packages or modules of the project
# use them) from the API packages to dev.tikhonov.internal.<layer>, mirroring the layer each came
# from, and rewrites every reference: imports, fully qualified names, and the imports that
# same-package users and the moved classes themselves now need. Idempotent: a class already moved
# is skipped. Run from the repository root; then build and commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
moves=(
  "data.Json internal.data"
  "data.AtomicFiles internal.data"
  "data.LibraryVersion internal.data"
  "data.DataFormat internal.data"
  "io.ModelFile internal.io"
  "io.LinearModelFile internal.io"
  "io.SafeTensors internal.io"
  "io.ByteSource internal.io"
  "io.FileLimits internal.io"
  "io.JsonFields internal.io"
  "io.ModelNumbers internal.io"
  "linear.ElasticNetPenalty internal.linear"
  "tensor.DirectMemory internal.tensor"
  "nn.StepTimes internal.nn"
  "train.RandomStreams internal.train"
  "select.PathFiles internal.select"
  "report.GridFiles internal.report"
  "report.SelectionFiles internal.report"
  "experiment.Stats internal.experiment"
  "data.ClassLabels internal.data"
  "data.Numbers internal.data"
  "nn.BatchParts internal.nn"
  "nn.Buffers internal.nn"
  "linear.PenalizedQuadratic internal.linear"
)
src=core/src/main/java/dev/tikhonov
spec=""
for m in "${moves[@]}"; do
  read -r old new <<<"$m"
  name=${old##*.}; oldpkg=${old%.*}
  from=$src/${oldpkg//.//}/$name.java
  to=$src/${new//.//}/$name.java
  if [ -f "$from" ]; then
    mkdir -p "$(dirname "$to")"
    git mv "$from" "$to"
    sed -i "s/^package dev\.tikhonov\.$oldpkg;/package dev.tikhonov.$new;/" "$to"
  elif [ ! -f "$to" ]; then
    echo "move-internal: neither $from nor $to exists" >&2; exit 1
  fi
  spec="$spec dev.tikhonov.$old=dev.tikhonov.$new.$name"
done
fix_imports=$(cat <<'PY'
import re, sys, os
moves = {}   # old fqcn -> new fqcn
for a in sys.argv[1:]:
    o, n = a.split('=')
    moves[o] = n
src = 'core/src/main/java/dev/tikhonov'
def public_types(pkg):
    d = os.path.join('core/src/main/java', pkg.replace('.', '/'))
    if not os.path.isdir(d):
        return []
    return [f[:-5] for f in os.listdir(d) if f.endswith('.java') and f != 'package-info.java']
def strip_comments_strings(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
for path in sys.stdin.read().split():
    text = open(path, encoding='utf-8').read()
    orig = text
    m = re.search(r'^package ([\w.]+);', text, flags=re.M)
    pkg = m.group(1) if m else ''
    # 1. fully qualified names and imports of moved classes (word-bounded, so Json is not JsonX)
    for o, n in moves.items():
        text = re.sub(r'\b' + re.escape(o) + r'\b', n, text)
    body = text
    code = strip_comments_strings(re.sub(r'^(package|import) [^\n]*\n', '', body, flags=re.M))
    docs = re.sub(r'^(package|import) [^\n]*\n', '', body, flags=re.M)
    need = set()
    def uses(name):
        # in code, or in a javadoc reference (which javadoc resolves through the imports)
        return (re.search(r'(?<![\w.])' + name + r'\b', code) or re.search(
            r'(\{@link(?:plain)?|@see|@throws)\s+' + name + r'\b', docs))
    # 2. a user in the moved class's old package named it without an import
    for o, n in moves.items():
        opkg, name = o.rsplit('.', 1)
        npkg = n.rsplit('.', 1)[0]
        if pkg == opkg and uses(name):
            need.add(n)
    # 3. a moved class named its old package's types without an import
    for o, n in moves.items():
        opkg, name = o.rsplit('.', 1)
        npkg = n.rsplit('.', 1)[0]
        if pkg == npkg and os.path.basename(path) == name + '.java':
            for t in public_types(opkg):
                if uses(t):
                    need.add(opkg + '.' + t)
    # imports of classes now in this very package are redundant
    lines = text.split('\n')
    lines = [l for l in lines if not (l.startswith('import ') and not l.startswith('import static')
             and l[7:-1].rsplit('.', 1)[0] == pkg)]
    have = {l[7:-1] for l in lines if l.startswith('import ') and not l.startswith('import static')}
    add = sorted(x for x in need if x not in have and x.rsplit('.', 1)[0] != pkg)
    idx = [i for i, l in enumerate(lines) if l.startswith('import ') and not l.startswith('import static')]
    if idx:
        block = sorted(set([lines[i] for i in idx] + ['import %s;' % x for x in add]))
        first, last = idx[0], idx[-1]
        if last - first + 1 == len(idx):   # one contiguous block: keep it sorted
            lines[first:last + 1] = block
        else:
            for x in add:
                lines.insert(last + 1, 'import %s;' % x)
    elif add:
        p = next(i for i, l in enumerate(lines) if l.startswith('package '))
        statics = [i for i, l in enumerate(lines) if l.startswith('import static')]
        at = statics[-1] + 1 if statics else p + 1
        lines[at:at] = [''] + ['import %s;' % x for x in add]
    text = '\n'.join(lines)
    if text != orig:
        open(path, 'w', encoding='utf-8').write(text)
PY
)
git ls-files '*.java' | python3 -c "$fix_imports" $spec
# the same names in docs, poms and resources (not in the docs' prose, which is edited by hand)
git grep -lE 'dev\.tikhonov\.(data\.(Json|AtomicFiles|LibraryVersion|DataFormat)|io\.(ModelFile|LinearModelFile|SafeTensors|ByteSource|FileLimits|JsonFields|ModelNumbers)|linear\.(ElasticNetPenalty|PenalizedQuadratic)|tensor\.DirectMemory|nn\.(StepTimes|BatchParts|Buffers)|data\.(ClassLabels|Numbers))\b' -- ':!*.java' ':!bench/scratch/*' || true
