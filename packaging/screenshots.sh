#!/usr/bin/env bash
# Takes the README's screenshots of the main window under Xvfb: idle on the default experiment,
# training it, finished, a forecasting run's test forecasts (DLinear on ETTh1 from
# ../shared/data, under a minute of training), and three DLinear learning rates compared. Run after packaging/build.sh; writes
# packaging/screenshots/*.png.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app="$root/build/app/trainbench"
out="$root/packaging/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" # a new user

# The default experiment cut to short epochs, so that the run finishes within a minute.
sed -e 's/^  log_every: 20$/  log_every: 5\n  max_batches: 300/' \
    "$root/resources/presets/fashion-mnist-cnn.yaml" > "$work/fashion-mnist-cnn.yaml"

shoot() { # shoot FILE DELAY_S [app options...]
    local file=$1 delay=$2
    shift 2
    xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --db "$work/workspace.db" \
        --screenshot "$out/$file" --screenshot-delay "$delay" "$@"
}
mkdir -p "$out"
shoot idle.png 2
shoot training.png 25 --config "$work/fashion-mnist-cnn.yaml" --train
shoot finished.png 120 --config "$work/fashion-mnist-cnn.yaml" --train
shoot forecast.png 60 --config "$root/resources/presets/dlinear-etth1-96.yaml" --train
"$root/build/app/trainbench-cli" sweep dlinear-etth1-96 --db "$work/sweep.db" \
    --grid optim.lr=0.005,0.001,0.02
xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --db "$work/sweep.db" --compare 1,2,3 \
    --screenshot "$out/compare.png" --screenshot-delay 3
echo "screenshots in $out"
