/* Stand-in for an analytics tag (demo); it records nothing. */
window.lampanAnalytics = [];
