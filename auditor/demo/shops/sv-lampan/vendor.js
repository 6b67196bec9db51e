/* Stand-in for a framework bundle (demo). */
window.LampanFramework = { version: "1.0.0" };
