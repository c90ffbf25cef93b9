package app

// showBriefings opens the briefing panel (steps of the project's briefings).
func (s *Shell) showBriefings() {}
