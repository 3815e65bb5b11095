namespace SecurityKit.Detection.Anomaly.Employers;

/// <summary>One row of <c>person_links.csv</c>: a (pseudonymised) person's role at an employer over a period.</summary>
/// <param name="Employer">Index of the employer in <see cref="EmployerRiskData.Employers"/>.</param>
/// <param name="Person">Index of the person in <see cref="EmployerRiskData.PersonCount"/> (ids are pseudonyms; only their identity matters).</param>
/// <param name="IsDirector">Whether the role is <c>director</c> (otherwise <c>worker</c>).</param>
/// <param name="StartOn">Start of the link.</param>
/// <param name="EndOn">End of the link, or <see langword="null"/> when current.</param>
public readonly record struct PersonLink(int Employer, int Person, bool IsDirector, DateOnly StartOn, DateOnly? EndOn);
