package ui

import (
	"github.com/forecaster-dev/forecaster/app"
	"github.com/forecaster-dev/forecaster/ui/panelview"
)

// newPanelPane builds the series list and "All series" tab of a file of
// many series (package panelview) on this window.
func (u *UI) newPanelPane() *panelview.Pane {
	return panelview.New(&panelview.Host{
		Host: u.host, Prefs: u.App.Preferences(), Tabs: u.Tabs,
		ConfirmStop: u.confirmStop, ShowLoadError: u.showLoadError,
		SeriesShown: func(d *app.Data) {
			u.prj.SeriesPicked() // the edits were made on another series
			u.Data.showMember(d)
			u.Set.fromSession()
			u.Exp.UpdateButtons()
			u.Fc.clear()
		},
		// the Forecast tab shows the new scoring's forecast of the series
		// shown, unless it shows a run or a loaded model
		Scored: func() {
			if u.Fc.ShowsRunID == 0 && (!u.Fc.hasFc || u.Fc.panelNote != "") {
				u.Fc.clear()
			}
		},
	})
}
