package ui

import "github.com/forecaster-dev/forecaster/ui/trainview"

// newTrainingTab builds the Training tab (package trainview) on this
// window.
func (u *UI) newTrainingTab() *trainview.TrainingTab {
	return trainview.New(&trainview.Host{
		Host: u.host, Valid: func() bool { return u.Set == nil || u.Set.Valid() },
		SelectTab: func(i int) { u.Tabs.SelectIndex(i) }, Busy: &u.busy, LastSeq: &u.lastSeq,
		ExportHistory: func() { u.Fc.exportHistory() },
	})
}
