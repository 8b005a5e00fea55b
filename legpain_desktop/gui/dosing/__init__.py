"""The dose calculator: the patient form, the medicines list and the dosing sheet."""
