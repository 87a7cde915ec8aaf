package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/charmbracelet/x/term"
)

// defaultPager is the pager when $PAGER is unset, as git and glow -p use
// it: -R passes colours through.
const defaultPager = "less -R"

// pageOrWrite writes out to stdout, through the user's pager when stdout is
// a terminal that out is taller than, as git does: $PAGER, else less -R.
// It writes directly when the pager cannot be started.
func (a *app) pageOrWrite(out string, noPager bool) error {
	f, ok := a.io.Out.(*os.File)
	if noPager || !ok || !term.IsTerminal(f.Fd()) {
		_, err := io.WriteString(a.io.Out, out)
		return err
	}
	if _, height, err := term.GetSize(f.Fd()); err != nil || strings.Count(out, "\n") < height {
		_, err := io.WriteString(a.io.Out, out)
		return err
	}
	pager := strings.TrimSpace(a.io.Getenv("PAGER"))
	if pager == "" {
		pager = defaultPager
	}
	cmd := pagerCommand(pager)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(out), f, a.io.Err
	cmd.Env = pagerEnv(os.Environ(), a.io.Getenv)
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			// The pager could not start: the text still has to be read.
			_, err := io.WriteString(a.io.Out, out)
			return err
		}
		// A pager quit early (q before the end) is no failure of taxo.
	}
	return nil
}

// pagerCommand runs a pager command line through the shell, as git does,
// so that PAGER may hold arguments and quotes.
func pagerCommand(pager string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		fields := strings.Fields(pager)
		return exec.Command(fields[0], fields[1:]...)
	}
	return exec.Command("sh", "-c", pager)
}

// pagerEnv gives less its colours and the rest of git's defaults when the
// user has set none: LESS=FRX (raw colours, quit at the end of a short
// text, leave it on the screen) and LV=-c for lv.
func pagerEnv(env []string, getenv func(string) string) []string {
	if getenv("LESS") == "" {
		env = append(env, "LESS=FRX")
	}
	if getenv("LV") == "" {
		env = append(env, "LV=-c")
	}
	return env
}
