package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"taxo/internal/config"
	"taxo/ui/launch"
)

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Find or edit the config file",
		Long: `taxo reads its settings from a YAML file: the default taxonomy, the theme,
the Glamour style, the wrap width, the mouse, the size limit and the keys of
the browser. Environment variables beat the file and flags beat both.

The file is $TAXO_CONFIG, else taxo/config.yaml in the user's config folder
($XDG_CONFIG_HOME, else ~/.config on Linux).`,
		Args: cobra.NoArgs,
		// The config commands must work with a broken config file: they are
		// how it gets fixed.
		PersistentPreRun: func(*cobra.Command, []string) {},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print where the config file is (whether or not it exists)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			path, _, err := a.configPath()
			if err != nil {
				return failure("%v", err)
			}
			_, err = fmt.Fprintln(a.io.Out, path)
			return err
		},
	}, &cobra.Command{
		Use:   "edit",
		Short: "Open the config file in $EDITOR, creating it commented when missing",
		Long: `Open the config file in $VISUAL or $EDITOR (else vi). When there is no file
yet, it is made first with every setting and key commented out at its
default. Once the editor closes, the file is checked.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return a.editConfig() },
	})
	return cmd
}

func (a *app) editConfig() error {
	path, _, err := a.configPath()
	if err != nil {
		return failure("%v", err)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return failure("cannot make the config folder: %v", err)
		}
		if err := os.WriteFile(path, []byte(config.Template()), 0o644); err != nil {
			return failure("cannot write the config file: %v", err)
		}
		fmt.Fprintf(a.io.Err, "taxo: made %s with every setting at its default\n", path)
	}
	c := launch.Editor(a.io.Getenv, path)
	c.Stdin, c.Stdout, c.Stderr = a.io.In, a.io.Out, a.io.Err
	if err := c.Run(); err != nil {
		return failure("the editor %s failed: %v", c.Args[0], err)
	}
	check := config.Default()
	if _, err := check.Load(path, a.io.Getenv("HOME")); err != nil {
		return usage(fmt.Errorf("%w\nrun taxo config edit again to fix it", err))
	}
	return nil
}
