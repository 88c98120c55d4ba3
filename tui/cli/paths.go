package cli

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/adrg/xdg"
)

// Where cooldown keeps its files. On Linux, macOS and the BSDs it is the
// XDG layout a terminal user expects and the README names:
// $XDG_CONFIG_HOME (else ~/.config) for settings and routines and
// $XDG_STATE_HOME (else ~/.local/state) for the history. adrg/xdg would put
// them in ~/Library/Application Support on macOS, where nobody editing a
// YAML file in a terminal looks; it is used on Windows only.

// configHome is the folder that holds cooldown/config.yaml and
// cooldown/routines.
func configHome() string { return baseDir(runtime.GOOS, "XDG_CONFIG_HOME", ".config") }

// stateHome is the folder that holds cooldown/history.jsonl.
func stateHome() string {
	return baseDir(runtime.GOOS, "XDG_STATE_HOME", filepath.Join(".local", "state"))
}

// baseDir is $env when it is set to an absolute path (the XDG rule: a
// relative one is ignored), else ~/home. goos is a parameter so the macOS
// choice is tested on any machine.
func baseDir(goos, env, home string) string {
	if v := os.Getenv(env); v != "" && filepath.IsAbs(v) {
		return v
	}
	if goos == "windows" || goos == "plan9" {
		if env == "XDG_STATE_HOME" {
			return xdg.StateHome
		}
		return xdg.ConfigHome
	}
	dir, err := os.UserHomeDir()
	if err != nil || dir == "" {
		// No home: xdg's own fallbacks (a temporary folder at worst).
		if env == "XDG_STATE_HOME" {
			return xdg.StateHome
		}
		return xdg.ConfigHome
	}
	return filepath.Join(dir, home)
}

func settingsPath() string { return filepath.Join(configHome(), "cooldown", "config.yaml") }
