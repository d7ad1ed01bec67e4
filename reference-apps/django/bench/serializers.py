from rest_framework import serializers

from .models import Article, Author


class JSONStringField(serializers.CharField):
    """A CharField that takes only JSON strings.

    DRF's CharField also turns numbers into text ({"title": 5} -> "5"); the contract
    says string. Whitespace is kept as sent, so what is written reads back unchanged.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class AuthorIdField(serializers.PrimaryKeyRelatedField):
    """An author's id as a JSON integer.

    DRF's PrimaryKeyRelatedField passes whatever it gets to the ORM, which also
    accepts "3", 3.7 and true.
    """

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "name"]


class ArticleSerializer(serializers.ModelSerializer):
    """Reads with the author embedded, writes with author_id (CONTRACT.md §5).

    created_at renders as RFC 3339 in UTC: DRF's DateTimeField writes "+00:00" as "Z".
    """

    title = JSONStringField(max_length=200)
    body = JSONStringField(max_length=10000)
    author = AuthorSerializer(read_only=True)
    # Unknown ids fail here, as a 400 on "author_id".
    author_id = AuthorIdField(source="author", queryset=Author.objects.all(), write_only=True)

    class Meta:
        model = Article
        fields = ["id", "title", "body", "author", "author_id", "created_at"]
        read_only_fields = ["created_at"]
