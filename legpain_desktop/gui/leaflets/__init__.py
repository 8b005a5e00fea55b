"""Patient leaflets at the desk: the clinic's name, the clinician's own instructions and large type
for a leaflet about to be printed or saved as a PDF."""
