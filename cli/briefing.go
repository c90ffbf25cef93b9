package cli

import "io"

// runBriefing runs "maliatlas briefing …".
func runBriefing(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		return badArgs("briefing: the only subcommand is export")
	}
	return badArgs("briefing export is not available yet")
}
