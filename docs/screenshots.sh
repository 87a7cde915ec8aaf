#!/usr/bin/env bash
# Makes the README's pictures, docs/browser.png and docs/show.png, from the
# program itself: it builds taxo, runs it in tmux at a fixed size on the
# embedded sample with the dark theme, types what a user would, captures
# the screen with its colours (tmux capture-pane -e), has freeze draw the
# capture as SVG and rsvg-convert turn that into PNG.
#
# Needs tmux, freeze (go install github.com/charmbracelet/freeze@v0.2.2),
# rsvg-convert (Debian: librsvg2-bin) and DejaVu Sans Mono (Debian:
# fonts-dejavu-core). freeze can write PNG itself, but its own converter
# crashes when built with Go 1.26, and rsvg-convert draws with the fonts
# installed, so the SVG names one that Debian has.
#
# Run from the repository's root: bash docs/screenshots.sh [FOLDER]
# (FOLDER, docs/ when not given, is where the pictures go).
set -euo pipefail

mkdir -p "${1:-$(dirname "$0")}"
out=$(realpath "${1:-$(dirname "$0")}")
cd "$(dirname "$0")/.."
for tool in tmux freeze rsvg-convert; do
	command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (see the top of $0)" >&2; exit 2; }
done

tmp=$(mktemp -d)
socket="taxo-shots-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/taxo" .

# The program sees a true-colour terminal outside tmux (tmux's own answer
# would bring it down to 256 colours), the dark theme, no config file of
# the user's and no taxonomy but the embedded sample.
mkdir -p "$tmp/home"
run_env=(env -u TMUX -u TAXO_DIR -u TAXO_CONFIG -u NO_COLOR HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
	TERM=xterm-256color COLORTERM=truecolor TAXO_THEME=dark)

# screen NAME COLUMNS ROWS WANT COMMAND...: runs COMMAND in a tmux window of
# that size, waits for WANT on the screen and for the screen to settle,
# and leaves the screen with its colours in $tmp/NAME.ansi. Keys are sent
# between start and capture by keys().
start() {
	local cols=$1 rows=$2
	shift 2
	tmux -L "$socket" -f /dev/null new-session -d -s shot -x "$cols" -y "$rows" \
		"$(printf '%q ' "${run_env[@]}" "$@"); sleep 600"
}

# settle WANT: waits until the screen shows WANT and stays the same for a
# moment (the term pane renders in the background).
settle() {
	local want=$1 last="" now
	for _ in $(seq 100); do
		now=$(tmux -L "$socket" capture-pane -p -t shot)
		if [[ $now == *"$want"* && $now == "$last" ]]; then
			return 0
		fi
		last=$now
		sleep 0.2
	done
	echo "screenshots: the screen never showed $want:" >&2
	tmux -L "$socket" capture-pane -p -t shot >&2
	exit 1
}

# keys KEY...: types keys as tmux names them; "lit:TEXT" types TEXT.
keys() {
	for k in "$@"; do
		if [[ $k == lit:* ]]; then
			tmux -L "$socket" send-keys -t shot -l "${k#lit:}"
		else
			tmux -L "$socket" send-keys -t shot "$k"
		fi
		sleep 0.2
	done
}

# capture NAME: the screen, less its blank lines at the bottom.
capture() {
	local lines
	lines=$(tmux -L "$socket" capture-pane -p -t shot | awk 'NF { n = NR } END { print n }')
	tmux -L "$socket" capture-pane -p -e -t shot | head -n "$lines" >"$tmp/$1.ansi"
	tmux -L "$socket" kill-session -t shot
}

# picture NAME: draws $tmp/NAME.ansi as $out/NAME.png.
picture() {
	freeze --language ansi --window --font.family "DejaVu Sans Mono" --font.size 14 \
		--output "$tmp/$1.svg" "$tmp/$1.ansi" >/dev/null
	rsvg-convert --zoom 1.5 --output "$out/$1.png" "$tmp/$1.svg"
	echo "$out/$1.png"
}

# The browser on the sample, filtered by the tag Fermentation, on the
# third term (as the README says: t, fermentation, enter, j, j).
start 100 30 "$tmp/taxo"
settle "taxo sample"
keys t lit:fermentation Enter j j
settle "Yeasted Breads"
capture browser
picture browser

# taxo show kimchi, as wide as a terminal of 80 columns shows it, taller
# than the term so that nothing scrolls off.
start 80 100 "$tmp/taxo" show kimchi --no-pager
settle "Other fields"
capture show
picture show
