package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoBrowserLinked: the command line and what it reads the config with
// link no Bubble Tea (main hands it the browser), so that taxo show,
// list and check start without the browser's packages. A package that
// imports taxo/ui brings Bubble Tea with it and fails this.
func TestNoBrowserLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{"taxo/internal/cli", "taxo/internal/config", "taxo/ui/render", "taxo/ui/prefs", "taxo/ui/launch"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "charm.land/bubbletea/v2" || dep == "taxo/ui" {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
