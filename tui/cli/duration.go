package cli

import (
	"time"

	"github.com/cooldown-app/cooldown/routines/settings"
	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// gapFlag is a flag written in the settings file's duration grammar, so
// `--get-ready 5` means 5 s exactly as `get_ready: 5` does.
type gapFlag struct {
	d     *time.Duration
	limit time.Duration
}

func (g gapFlag) String() string {
	if g.d == nil {
		return ""
	}
	return strictyaml.Seconds(*g.d)
}

func (g gapFlag) Set(s string) error {
	d, err := settings.Gap(s, g.limit)
	if err != nil {
		return err
	}
	*g.d = d
	return nil
}

func (g gapFlag) Type() string { return "duration" }

// breathingFlag is --breathing: a pattern id, checked as the settings
// file checks it.
type breathingFlag struct{ id *string }

func (b breathingFlag) String() string {
	if b.id == nil {
		return ""
	}
	return *b.id
}

func (b breathingFlag) Set(s string) error {
	id, err := settings.Breathing(s)
	if err != nil {
		return err
	}
	*b.id = id
	return nil
}

func (b breathingFlag) Type() string { return "pattern" }
