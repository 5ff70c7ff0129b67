from tests.conftest import client_for


def test_it_shows_the_login_page_in_turkish_by_default(db):
    from django.test import Client

    response = Client().get("/login/")
    assert "Giriş" in response.content.decode() or "Log in" in response.content.decode()


def test_it_shows_the_manager_home(people):
    response = client_for(people["manager"]).get("/")
    assert "Programme overview" in response.content.decode()
