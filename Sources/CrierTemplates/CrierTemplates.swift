// CrierTemplates
