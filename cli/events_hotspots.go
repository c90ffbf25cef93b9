package cli

import "io"

func runEventsHotspots(args []string, stdout, stderr io.Writer) error {
	return badArgs("events hotspots: not yet")
}
