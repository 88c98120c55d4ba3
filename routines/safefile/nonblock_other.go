//go:build !unix

package safefile

const (
	nonBlock = 0
	dirOnly  = 0
)
