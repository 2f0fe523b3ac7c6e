namespace Portal.Tests.Accounts;

/// <summary>The links the portal builds from phone numbers: WhatsApp's click-to-chat and tel:.</summary>
public class PhoneLinksTests
{
    [Theory]
    [InlineData("0812-3456-7890", "https://wa.me/6281234567890")]
    [InlineData("+62 812 3456 7890", "https://wa.me/6281234567890")]
    [InlineData("6281234567890", "https://wa.me/6281234567890")]
    [InlineData("(0812) 3456.7890", "https://wa.me/6281234567890")]
    [InlineData("0254-123456", null)]
    [InlineData("+1 415 555 0100", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_WhatsApp_link_goes_to_the_number_with_the_country_code_and_only_for_a_mobile_number(string? number, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.WhatsAppChat(number));

    [Fact]
    public void The_WhatsApp_message_is_url_encoded()
    {
        var link = PhoneNumbers.WhatsAppChat("0812-3456-7890", "Halo Siti & Budi? 100% #1\nbaris dua")!;

        Assert.Equal("https://wa.me/6281234567890?text=Halo%20Siti%20%26%20Budi%3F%20100%25%20%231%0Abaris%20dua", link);
        Assert.Equal("Halo Siti & Budi? 100% #1\nbaris dua", Uri.UnescapeDataString(new Uri(link).Query["?text=".Length..]));
    }

    [Theory]
    [InlineData("(0254) 123456", "tel:+62254123456")]
    [InlineData("+62 254 123456", "tel:+62254123456")]
    [InlineData("0812-3456-7890", "tel:+6281234567890")]
    [InlineData("0254 12", null)]
    [InlineData("+1 415 555 0100", null)]
    [InlineData("telepon 0254", null)]
    [InlineData("00254123456", null)]
    public void A_tel_link_dials_an_Indonesian_number_in_international_form(string number, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.TelephoneUri(number));
}
