namespace NlpPipeline.Core.Labels;

/// <summary>Grievance topics (LABELS.md); a passage has zero or more.</summary>
public enum Topic
{
    Corruption, Governance, Jobs, WagesPrices, Inequality, Education,
    HumanRights, Security, EthnicTension, LanguagePolicy, Uncertainty,
}
