package ui

import (
	"image"
	_ "image/png" // the pictures are PNG
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestScreenshotsCanBeMadeAgain runs docs/screenshots.sh, which makes the
// README's pictures from the program, into a temporary folder: each comes
// out a picture of the size of the one in docs/ (the same window, the same
// font). It needs tmux, freeze and rsvg-convert, and skips without them.
func TestScreenshotsCanBeMadeAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds taxo and drives it in tmux")
	}
	for _, tool := range []string{"tmux", "freeze", "rsvg-convert"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	out := t.TempDir()
	cmd := exec.Command("bash", filepath.Join("..", "docs", "screenshots.sh"), out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("docs/screenshots.sh: %v\n%s", err, b)
	}
	for _, name := range []string{"browser.png", "show.png"} {
		made, committed := pictureSize(t, filepath.Join(out, name)), pictureSize(t, filepath.Join("..", "docs", name))
		if made != committed {
			t.Errorf("%s comes out %v, the one in docs/ is %v: run bash docs/screenshots.sh", name, made, committed)
		}
	}
}

// pictureSize is the width and height of a picture file.
func pictureSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}
