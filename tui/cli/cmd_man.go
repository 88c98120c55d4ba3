package cli

import (
	"fmt"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manCmd prints the manual page: the commands and flags from cobra, and
// the files and exit codes a man page reader looks for.
func (a *app) manCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "man",
		Short:   "Print the manual page (roff), e.g. cooldown man | man -l -",
		Example: "  cooldown man | man -l -\n  cooldown man > ~/.local/share/man/man1/cooldown.1",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			page = page.
				WithSection("Files", manFiles()).
				WithSection("Exit Status", manExitStatus).
				WithSection("Environment", manEnvironment)
			_, err = fmt.Fprint(a.io.out, page.Build(roff.NewDocument()))
			return err
		},
	}
}

func manFiles() string {
	return "$XDG_CONFIG_HOME/cooldown/config.yaml (else ~/.config/cooldown/config.yaml, on macOS too): " +
		"the settings; `cooldown config` shows them.\n" +
		"$XDG_CONFIG_HOME/cooldown/routines/*.yaml (else ~/.config/cooldown/routines/): your own routines " +
		"and exercises; `cooldown validate` checks them.\n" +
		"$XDG_STATE_HOME/cooldown/history.jsonl (else ~/.local/state/cooldown/history.jsonl): one JSON " +
		"record per session; checkpoints/ beside it holds the session in progress."
}

const manExitStatus = "0: done, or quit.\n" +
	"1: a runtime failure (a terminal or file that cannot be used).\n" +
	"2: bad usage or invalid routine or settings data.\n" +
	"130: interrupted (ctrl+c, SIGINT, SIGTERM or SIGHUP); the session is recorded as interrupted first."

const manEnvironment = "XDG_CONFIG_HOME, XDG_STATE_HOME: where the files live (see FILES).\n" +
	"NO_COLOR: no colour at all.\n" +
	"VISUAL, EDITOR: the editor `cooldown config --edit` opens."
