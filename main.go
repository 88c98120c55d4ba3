// Command cooldown walks a person through a post-workout cool-down.
package main

import (
	"context"
	"os"

	"github.com/cooldown-app/cooldown/tui/cli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	os.Exit(cli.Main(context.Background(), version, os.Args[1:]))
}
