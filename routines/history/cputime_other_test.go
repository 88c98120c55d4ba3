//go:build !unix

package history

import "time"

// cpuTime is not measured here; the metric then reads 0.
func cpuTime() time.Duration { return 0 }
