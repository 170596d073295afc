namespace DicomDeid.Engine.Samples;

/// <summary>Built-in lists of made-up identity. Any resemblance to real people or places is chance.</summary>
internal static class FakeIdentity
{
    public static readonly string[] FamilyNames =
    {
        "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "MILLER", "DAVIS", "WILSON", "ANDERSON", "TAYLOR",
        "THOMAS", "MOORE", "MARTIN", "JACKSON", "THOMPSON", "WHITE", "HARRIS", "CLARK", "LEWIS", "ROBINSON",
        "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "GREEN", "BAKER", "ADAMS", "NELSON",
        "HILL", "CAMPBELL", "MITCHELL", "ROBERTS", "CARTER", "PHILLIPS", "EVANS", "TURNER", "PARKER", "COLLINS",
    };

    public static readonly string[] GivenNamesFemale =
    {
        "MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN", "JESSICA", "SARAH", "KAREN",
        "NANCY", "LISA", "MARGARET", "SANDRA", "ASHLEY", "EMILY", "DONNA", "MICHELLE", "CAROL", "AMANDA",
    };

    public static readonly string[] GivenNamesMale =
    {
        "JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD", "JOSEPH", "THOMAS", "CHARLES",
        "CHRISTOPHER", "DANIEL", "MATTHEW", "ANTHONY", "MARK", "DONALD", "STEVEN", "PAUL", "ANDREW", "JOSHUA",
    };

    /// <summary>Names that need ISO_IR 100 (Latin-1); (family, given, sex).</summary>
    public static readonly string[][] Latin1Names =
    {
        new[] { "Müller", "Zoë", "F" }, new[] { "Sørensen", "Åsa", "F" }, new[] { "García Núñez", "José", "M" },
        new[] { "Dubois", "Hélène", "F" }, new[] { "Ó Briain", "Seán", "M" }, new[] { "Gonçalves", "João", "M" },
    };

    /// <summary>Names that need ISO_IR 192 (UTF-8): alphabetic=ideographic=phonetic groups; (value, sex).</summary>
    public static readonly string[][] Utf8Names =
    {
        new[] { "Yamada^Tarou=山田^太郎=やまだ^たろう", "M" }, new[] { "Hong^Gildong=洪^吉洞=홍^길동", "M" },
        new[] { "Papadopoulou^Eleni=Παπαδοπούλου^Ελένη", "F" }, new[] { "Wang^Xiaomei=王^小梅", "F" },
    };

    public static readonly string[] Physicians =
    {
        "HOUSE^GREGORY^^DR", "GREY^MEREDITH^^DR", "KILDARE^JAMES^^DR", "QUINN^MICHAELA^^DR", "WELBY^MARCUS^^DR",
        "ROSS^DOUG^^DR", "CARTER^JOHN^^DR", "WEAVER^KERRY^^DR", "BENTON^PETER^^DR", "LEWIS^SUSAN^^DR",
    };

    public static readonly string[] Operators = { "TECH^ANNA", "RAD^BORIS", "SONO^CLARA", "TECH^DMITRI", "RAD^EMMA" };

    public static readonly string[] Institutions =
    {
        "SAINT ELSEWHERE GENERAL HOSPITAL", "SEATTLE GRACE MERCY WEST", "COUNTY GENERAL HOSPITAL",
        "PRINCETON PLAINSBORO TEACHING HOSPITAL", "SACRED HEART CLINIC",
    };

    public static readonly string[] Streets =
    {
        "12 ELM STREET", "742 EVERGREEN TERRACE", "221B BAKER STREET", "1313 MOCKINGBIRD LANE", "4 PRIVET DRIVE",
        "31 SPOONER STREET", "1640 RIVERSIDE DRIVE", "98 OAK AVENUE",
    };

    public static readonly string[] Cities =
    {
        "SPRINGFIELD 49007", "SHELBYVILLE 49008", "RIVERDALE 10471", "HILL VALLEY 95420", "SUNNYDALE 93101",
    };

    public static readonly string[] Departments = { "RADIOLOGY", "EMERGENCY RADIOLOGY", "CARDIOLOGY", "OBSTETRICS" };
    public static readonly string[] Manufacturers = { "ACME MEDICAL", "GE MEDICAL SYSTEMS", "SIEMENS", "Philips" };
    public static readonly string[] BodyParts = { "CHEST", "ABDOMEN", "HEAD", "PELVIS" };
}
