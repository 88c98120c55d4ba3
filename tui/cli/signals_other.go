//go:build !linux

package cli

import "os"

var extraEndSignals []os.Signal
