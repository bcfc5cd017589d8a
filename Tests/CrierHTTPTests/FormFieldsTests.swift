import CrierHTTP
import Testing

@Suite struct FormFieldsTests {
    @Test func readsURLEncodedFieldsInOrderWithRepeats() {
        let form = FormFields.urlEncoded(
            "List-Unsubscribe=One-Click&topics=scams&topics=asb&name=Ann+O%27Neil&empty=&flag")
        #expect(form.value("List-Unsubscribe") == "One-Click")
        #expect(form.values("topics") == ["scams", "asb"])
        #expect(form.value("name") == "Ann O'Neil")
        #expect(form.value("empty") == "")
        #expect(form.value("flag") == "")
        #expect(form.value("missing") == nil)
    }

    @Test func readsMultipartAsMailProvidersSendIt() throws {
        let body = [
            "--XyZ", "Content-Disposition: form-data; name=\"List-Unsubscribe\"", "", "One-Click",
            "--XyZ", "Content-Disposition: form-data; name=\"topics\"", "Content-Type: text/plain", "", "a;b",
            "--XyZ", "Content-Disposition: form-data; name=\"file\"; filename=\"x.txt\"", "", "skipped",
            "--XyZ--", "",
        ].joined(separator: "\r\n")
        let form = try FormFields.multipart(Array(body.utf8), boundary: "XyZ")
        #expect(form == FormFields([("List-Unsubscribe", "One-Click"), ("topics", "a;b")]))
    }

    @Test(arguments: [
        "no boundaries at all",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--XyZ--",
        "--XyZ\r\nno blank line\r\n--XyZ--",
    ])
    func refusesMalformedMultipart(body: String) {
        #expect(throws: FormFields.Problem.self) { try FormFields.multipart(Array(body.utf8), boundary: "XyZ") }
    }
}
