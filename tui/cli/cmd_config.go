package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/settings"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

func (a *app) configCmd() *cobra.Command {
	var edit bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show where the settings are and the settings in effect (--edit opens them)",
		Long: "Print the settings file's path, the folders cooldown uses, and every setting in effect " +
			"with where it comes from (the file, or the default).\n\n" +
			"--edit opens the settings file in $VISUAL or $EDITOR (vi if neither is set), creating it " +
			"with every setting commented out if it does not exist yet, and checks it when the editor closes.",
		Example: "  cooldown config\n  EDITOR=nano cooldown config --edit",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if edit {
				return a.editSettings()
			}
			return a.showConfig()
		},
	}
	cmd.Flags().BoolVar(&edit, "edit", false, "open the settings file in $VISUAL or $EDITOR")
	return cmd
}

func (a *app) showConfig() error {
	path := settingsPath()
	state := ""
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		state = " (not there: every setting is the default; `cooldown config --edit` creates it)"
	}
	w := a.io.out
	fmt.Fprintf(w, "Settings file    %s%s\n", routines.DisplaySource(path), state)
	fmt.Fprintf(w, "Your routines    %s\n", routines.DisplaySource(routinesDir()))
	fmt.Fprintf(w, "Session history  %s\n", routines.DisplaySource(filepath.Join(stateDir(), "history.jsonl")))
	s, err := settings.Load(path)
	fmt.Fprintln(w)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(a.io.err, "cooldown: %s\n", strictyaml.Clean(line))
		}
		fmt.Fprintln(w, "The file has problems, so the defaults are in effect:")
	} else {
		fmt.Fprintln(w, "In effect")
	}
	for _, line := range s.Describe() {
		fmt.Fprintln(w, "  "+line)
	}
	if err != nil {
		return &exitError{code: exitUsage, err: errSilent}
	}
	return nil
}

// settingsTemplate is a new settings file: every key, commented out, at
// its default.
func settingsTemplate() string {
	var b strings.Builder
	b.WriteString("# cooldown settings. Every key is optional; remove the # to change one.\n")
	b.WriteString("# `cooldown config` shows what is in effect.\n")
	for _, line := range settings.Defaults().Describe() {
		if i := strings.LastIndex(line, " ("); i > 0 {
			line = line[:i] // the value alone: "(default...)" is not YAML
		}
		b.WriteString("# " + line + "\n")
	}
	return b.String()
}

// editSettings opens the settings file in the user's editor, creating it
// first, and reports its problems once the editor has closed.
func (a *app) editSettings() error {
	path := settingsPath()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(settingsTemplate()), 0o644); err != nil {
			return err
		}
	}
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	// $EDITOR may carry arguments ("code --wait"); it is split on spaces,
	// not run through a shell.
	argv := append(strings.Fields(editor), path)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = a.io.in, a.io.out, a.io.err
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("editor %s: %w", strictyaml.Clean(argv[0]), err)
	}
	if _, err := settings.Load(path); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(a.io.err, "cooldown: %s\n", strictyaml.Clean(line))
		}
		return &exitError{code: exitUsage, err: errSilent}
	}
	fmt.Fprintf(a.io.err, "cooldown: %s is fine\n", routines.DisplaySource(path))
	return nil
}
